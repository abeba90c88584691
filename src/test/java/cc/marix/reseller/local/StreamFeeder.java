package cc.marix.reseller.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads the table's stream in DynamoDB Local and hands its records to the delivery worker the way Lambda's event
 * source mapping does: as {@code {"Records": [...]}} batches of at most {@link #BATCH}, in order, after the same
 * filters template.yaml declares (INSERT of e-mail orders; the order, top-up and balance changes reseller webhooks
 * report).
 */
public final class StreamFeeder {

    static final int BATCH = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final String table;
    private final Map<String, String> iterators = new HashMap<>();
    private String streamArn;

    public StreamFeeder(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table) {
        this.dynamo = dynamo;
        this.streams = streams;
        this.table = table;
    }

    /** Starts after everything already in the stream: only records written from now on are fed. */
    public synchronized StreamFeeder fromNow() {
        streamArn = dynamo.describeTable(DescribeTableRequest.builder().tableName(table).build()).table()
                .latestStreamArn();
        for (Shard shard : shards()) {
            iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.LATEST));
        }
        return this;
    }

    /** The new records since the last call, as Lambda events for the delivery worker (empty when none pass). */
    public synchronized List<String> poll() {
        for (Shard shard : shards()) {
            // A shard read to its end keeps its entry with a null iterator: it is never read from the start again
            // (computeIfAbsent would, since it treats a null value as absent).
            if (!iterators.containsKey(shard.shardId())) {
                iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.TRIM_HORIZON));
            }
        }
        List<Record> records = new ArrayList<>();
        for (Map.Entry<String, String> shard : iterators.entrySet()) {
            String iterator = shard.getValue();
            while (iterator != null) {
                GetRecordsResponse page = streams.getRecords(GetRecordsRequest.builder().shardIterator(iterator)
                        .build());
                records.addAll(page.records());
                String next = page.nextShardIterator();
                if (page.records().isEmpty()) {
                    iterator = next;
                    break;
                }
                iterator = next;
            }
            shard.setValue(iterator);
        }
        List<Record> wanted = records.stream().filter(NEW_EMAIL_ORDER.or(WEBHOOK_CHANGE)).toList();
        List<String> events = new ArrayList<>();
        for (int start = 0; start < wanted.size(); start += BATCH) {
            events.add(event(wanted.subList(start, Math.min(wanted.size(), start + BATCH))));
        }
        return events;
    }

    static final Predicate<Record> NEW_EMAIL_ORDER = record -> "INSERT".equals(record.eventNameAsString())
            && record.dynamodb().hasNewImage()
            && record.dynamodb().newImage().containsKey("deliveryMode")
            && "email".equals(record.dynamodb().newImage().get("deliveryMode").s());

    /** template.yaml's three webhook patterns: a user's order completed or cancelled, a top-up settled, a balance. */
    static final Predicate<Record> WEBHOOK_CHANGE = record -> {
        if (!record.dynamodb().hasNewImage() || "REMOVE".equals(record.eventNameAsString())) {
            return false;
        }
        Map<String, AttributeValue> image = record.dynamodb().newImage();
        String pk = record.dynamodb().keys().get("pk").s();
        String sk = record.dynamodb().keys().get("sk").s();
        String status = image.containsKey("status") ? image.get("status").s() : null;
        boolean order = pk.startsWith("ORDER#") && image.containsKey("userId") && image.get("userId").s() != null
                && List.of("completed", "cancelled").contains(status);
        boolean topUp = "PAYMENTREC".equals(sk) && image.containsKey("purpose")
                && List.of("crypto", "fiat").contains(image.get("purpose").s())
                && List.of("completed", "failed", "expired").contains(status);
        return order || topUp || sk.startsWith("BALANCE#");
    };

    private List<Shard> shards() {
        return streams.describeStream(DescribeStreamRequest.builder().streamArn(streamArn).build())
                .streamDescription().shards();
    }

    private String iterator(String shardId, ShardIteratorType type) {
        return streams.getShardIterator(GetShardIteratorRequest.builder().streamArn(streamArn).shardId(shardId)
                .shardIteratorType(type).build()).shardIterator();
    }

    private String event(List<Record> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode list = event.putArray("Records");
        for (Record record : records) {
            ObjectNode item = list.addObject()
                    .put("eventID", record.eventID())
                    .put("eventName", record.eventNameAsString())
                    .put("eventVersion", "1.1")
                    .put("eventSource", "aws:dynamodb")
                    .put("awsRegion", LocalAccount.REGION)
                    .put("eventSourceARN", streamArn);
            ObjectNode change = item.putObject("dynamodb");
            change.put("ApproximateCreationDateTime", record.dynamodb().approximateCreationDateTime().getEpochSecond());
            change.set("Keys", image(record.dynamodb().keys()));
            if (record.dynamodb().hasNewImage()) {
                change.set("NewImage", image(record.dynamodb().newImage()));
            }
            if (record.dynamodb().hasOldImage()) {
                change.set("OldImage", image(record.dynamodb().oldImage()));
            }
            change.put("SequenceNumber", record.dynamodb().sequenceNumber());
            change.put("SizeBytes", record.dynamodb().sizeBytes());
            change.put("StreamViewType", record.dynamodb().streamViewTypeAsString());
        }
        return event.toString();
    }

    private static ObjectNode image(Map<String, AttributeValue> attributes) {
        ObjectNode image = JSON.createObjectNode();
        attributes.forEach((name, value) -> image.set(name, value(value)));
        return image;
    }

    /** An attribute in the stream's JSON form: {"S": ..}, {"N": ".."}, {"L": [..]}, {"M": {..}} and so on. */
    private static ObjectNode value(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(element -> list.add(value(element)));
            }
            case M -> node.set("M", image(value.m()));
            case B -> node.put("B", value.b().asByteArray());
            case BS -> value.bs().forEach(bytes -> node.withArray("BS").add(bytes.asByteArray()));
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        }
        return node;
    }
}
