package cc.marix.reseller.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import cc.marix.reseller.stock.CodeStore;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.support.Backoff;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The DynamoDB calls one sync partner fulfilment needs, issued bare with the SDK: a consistent Query for up to 17
 * available codes, then one transaction with the event key, the external-order key and the order (copies of the
 * items a real fulfilment wrote, under new keys), the code's delete and a counter update, retried with fresh codes on
 * a conflict, as the function does. No HTTP, no signature, no JSON: what is left is the floor the function's
 * throughput is compared with.
 */
final class FloorFulfilment {

    /** The three items a real fulfilment wrote: the event key, the external-order key and the order. */
    record Templates(Map<String, AttributeValue> event, Map<String, AttributeValue> external,
            Map<String, AttributeValue> order) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final int counterShards;
    private final Templates templates;

    /** {@code counterShards}: 8 as the function does; 1 to measure a single counter item per product. */
    FloorFulfilment(DynamoDbClient dynamo, String table, int counterShards, Templates templates) {
        this.dynamo = dynamo;
        this.table = table;
        this.counterShards = counterShards;
        this.templates = templates;
    }

    /**
     * Claims this code (a key from {@link #codes}), with no Query and no other order picking it: a cancelled
     * transaction can only be a conflict on the counter. Returns how many transactions it took.
     */
    int fulfilKnown(String productId, Map<String, AttributeValue> code) {
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(writes(productId, code, true)).build());
                return attempt + 1;
            } catch (TransactionCanceledException conflict) {
                Backoff.pause(attempt);
            }
        }
    }

    /** Every available code's key of the product. */
    List<Map<String, AttributeValue>> codes(String productId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :code)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s("STOCK#" + productId), ":code", Attrs.s("CODE#")))
                .projectionExpression("pk, sk").consistentRead(true).build()).items().forEach(keys::add);
        return keys;
    }

    /** Claims one code of the product; returns how many attempts it took. */
    int fulfil(String productId, boolean withOrder) {
        for (int attempt = 0; ; attempt++) {
            List<Map<String, AttributeValue>> codes = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :code)")
                    .expressionAttributeValues(Map.of(":pk", Attrs.s("STOCK#" + productId), ":code",
                            Attrs.s("CODE#")))
                    .consistentRead(true).limit(1 + CodeStore.PICK_SLACK).build()).items();
            if (codes.isEmpty()) {
                throw new IllegalStateException("the floor ran out of codes of " + productId);
            }
            Map<String, AttributeValue> code = codes.get(ThreadLocalRandom.current().nextInt(codes.size()));
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(writes(productId, code, withOrder)).build());
                return attempt + 1;
            } catch (TransactionCanceledException conflict) {
                Backoff.pause(attempt);
            }
        }
    }

    private List<TransactWriteItem> writes(String productId, Map<String, AttributeValue> code, boolean withOrder) {
        String id = UUID.randomUUID().toString();
        TransactWriteItem delete = TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(Map.of("pk", code.get("pk"), "sk", code.get("sk")))
                .conditionExpression("attribute_exists(pk)").build()).build();
        TransactWriteItem counter = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Attrs.key("PRODUCT#" + productId, "STOCK#" + ThreadLocalRandom.current().nextInt(counterShards)))
                .updateExpression("ADD #available :minus, #delivered :one")
                .expressionAttributeNames(Map.of("#available", "available", "#delivered", "delivered"))
                .expressionAttributeValues(Map.of(":minus", Attrs.n(-1), ":one", Attrs.n(1))).build()).build();
        if (!withOrder) {
            return List.of(delete, counter);
        }
        return List.of(put(templates.event(), "PEVENT#bench-floor#" + id, true),
                put(templates.external(), "PEXT#bench-floor#" + id, true),
                put(templates.order(), "ORDER#" + id, false), delete, counter);
    }

    private TransactWriteItem put(Map<String, AttributeValue> template, String pk, boolean returnOld) {
        Map<String, AttributeValue> item = new HashMap<>(template);
        item.put("pk", Attrs.s(pk));
        if (item.containsKey("gsi1sk")) {
            // indexed like the real order, under its own sort key
            item.put("gsi1sk", Attrs.s(pk));
        }
        Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)");
        if (returnOld) {
            put.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }
}
