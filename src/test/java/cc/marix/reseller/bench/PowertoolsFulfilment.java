package cc.marix.reseller.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.stock.CodeStore;
import cc.marix.reseller.stock.StockCode;
import cc.marix.reseller.store.Attrs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The sync fulfilment built the common way, with bare SDK calls: AWS Lambda Powertools' DynamoDB idempotency
 * ({@code DynamoDBPersistenceStore} of powertools-lambda-java v2: {@code putRecord}, then the handler, then
 * {@code updateRecord}) around the business writes. First a conditional PutItem of the INPROGRESS record with its
 * expiry and in-progress expiry (its own condition, and {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}, so a
 * repeat gets the stored answer back from the refused put); then the business, as the function does it: the Query
 * for codes ({@code CodeStore.findAvailable}) and one transaction of the external-order key (the signed order id must
 * stay unique whatever the event id), the order, and the application's own claim writes (the code's delete and the
 * counter shard's update, which files it for the stock watch); then an UpdateItem to COMPLETED with the stored answer.
 * Copies of the items a real fulfilment wrote, so the sizes are the function's own: only the idempotency differs.
 * Only its units are compared, not its throughput.
 */
final class PowertoolsFulfilment {

    private static final long EXPIRY_SECONDS = 3600;
    private static final long LAMBDA_TIMEOUT_MILLIS = 30_000;

    private final DynamoDbClient dynamo;
    private final CodeStore codes;
    private final String table;
    private final String answer;
    private final Map<String, AttributeValue> externalTemplate;
    private final Map<String, AttributeValue> orderTemplate;

    PowertoolsFulfilment(DynamoDbClient dynamo, CodeStore codes, String table, String answer,
            Map<String, AttributeValue> externalTemplate, Map<String, AttributeValue> orderTemplate) {
        this.dynamo = dynamo;
        this.codes = codes;
        this.table = table;
        this.answer = answer;
        this.externalTemplate = externalTemplate;
        this.orderTemplate = orderTemplate;
    }

    /** A consistent read of one item, for the templates. */
    static Map<String, AttributeValue> item(DynamoDbClient dynamo, String table, String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Attrs.key(pk, sk)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("no item " + pk + " / " + sk);
        }
        return item;
    }

    /** Fulfils the event of this idempotency key; false when the key was taken (the stored answer came back). */
    boolean fulfil(String idempotencyKey, String productId) {
        Map<String, AttributeValue> key = Attrs.key("IDEMPOTENCY#reseller-partner-webhook#"
                + Sha256.hex(idempotencyKey.getBytes(StandardCharsets.UTF_8)), "IDEMPOTENCY");
        Instant now = Instant.now();
        try {
            putInProgress(key, now);
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
        List<StockCode> picked = CodeStore.pick(codes.findAvailable(productId, 1 + CodeStore.PICK_SLACK), 1);
        dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(business(productId, picked))
                .build());
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key)
                .updateExpression("SET #response_data = :response_data, #expiry = :expiry, #status = :status")
                .expressionAttributeNames(Map.of("#response_data", "data", "#expiry", "expiration", "#status",
                        "status"))
                .expressionAttributeValues(Map.of(":response_data", Attrs.s(answer), ":expiry",
                        Attrs.n(now.getEpochSecond() + EXPIRY_SECONDS), ":status", Attrs.s("COMPLETED")))
                .build());
        return true;
    }

    private void putInProgress(Map<String, AttributeValue> key, Instant now) {
        Map<String, AttributeValue> record = new HashMap<>(key);
        record.put("expiration", Attrs.n(now.getEpochSecond() + EXPIRY_SECONDS));
        record.put("status", Attrs.s("INPROGRESS"));
        record.put("in_progress_expiration", Attrs.n(now.toEpochMilli() + LAMBDA_TIMEOUT_MILLIS));
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(record)
                .conditionExpression("attribute_not_exists(#id) OR #expiry < :now OR "
                        + "(attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_milliseconds "
                        + "AND #status = :inprogress)")
                .expressionAttributeNames(Map.of("#id", "pk", "#expiry", "expiration", "#in_progress_expiry",
                        "in_progress_expiration", "#status", "status"))
                .expressionAttributeValues(Map.of(":now", Attrs.n(now.getEpochSecond()), ":now_milliseconds",
                        Attrs.n(now.toEpochMilli()), ":inprogress", Attrs.s("INPROGRESS")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
    }

    private List<TransactWriteItem> business(String productId, List<StockCode> picked) {
        String id = UUID.randomUUID().toString();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(externalTemplate, "PEXT#bench-common#" + id));
        writes.add(put(orderTemplate, "ORDER#" + id));
        writes.addAll(codes.claimWrites(productId, picked));
        return writes;
    }

    private TransactWriteItem put(Map<String, AttributeValue> template, String pk) {
        Map<String, AttributeValue> item = new HashMap<>(template);
        item.put("pk", Attrs.s(pk));
        if (item.containsKey("gsi1sk")) {
            item.put("gsi1sk", Attrs.s(pk));
        }
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

}
