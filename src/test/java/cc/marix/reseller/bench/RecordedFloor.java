package cc.marix.reseller.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The DynamoDB calls one real operation made ({@link RequestTap}), issued again bare with the SDK: the floor of an
 * operation that has no hand-written one like {@link FloorFulfilment}. Reads go out as they were. A transaction would
 * collide with the items it created the first time, so on every replay the strings that named them (the order id, the
 * idempotency key) are renamed, any other item it creates gets a fresh key, each code it deleted is swapped for
 * another available code, and its ClientRequestToken is new. Same calls, same item sizes, same conditions: no HTTP layer, no signature, no JSON.
 */
final class RecordedFloor {

    private static final String CODE = "CODE#";

    private final DynamoDbClient dynamo;
    private final List<SdkRequest> calls;
    private final List<String> created;

    /** {@code created}: the strings in the recorded writes that name items the operation created. */
    RecordedFloor(DynamoDbClient dynamo, List<SdkRequest> calls, List<String> created) {
        this.dynamo = dynamo;
        this.calls = calls;
        this.created = created;
    }

    /** Issues the calls once; {@code codes} supplies the key of a still-available code for each code deleted. */
    void replay(Iterator<Map<String, AttributeValue>> codes) {
        Map<String, String> renames = new LinkedHashMap<>();
        created.forEach(name -> renames.put(name, UUID.randomUUID().toString()));
        for (SdkRequest call : calls) {
            if (call instanceof GetItemRequest get) {
                dynamo.getItem(get);
            } else if (call instanceof QueryRequest query) {
                dynamo.query(query);
            } else if (call instanceof BatchGetItemRequest batch) {
                dynamo.batchGetItem(batch);
            } else if (call instanceof TransactWriteItemsRequest transaction) {
                dynamo.transactWriteItems(renamed(transaction, renames, codes));
            } else {
                throw new IllegalStateException("no floor for " + call.getClass().getSimpleName());
            }
        }
    }

    private static boolean deletesCode(TransactWriteItem item) {
        return item.delete() != null && item.delete().key().get("sk").s().startsWith(CODE);
    }

    private static TransactWriteItemsRequest renamed(TransactWriteItemsRequest transaction, Map<String, String> renames,
            Iterator<Map<String, AttributeValue>> codes) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (TransactWriteItem item : transaction.transactItems()) {
            TransactWriteItem.Builder copy = TransactWriteItem.builder();
            if (item.put() != null) {
                Put put = item.put();
                copy.put(put.toBuilder().item(created(put, renamed(put.item(), renames)))
                        .expressionAttributeValues(renamedOrNull(put.expressionAttributeValues(), renames)).build());
            } else if (item.update() != null) {
                Update update = item.update();
                copy.update(update.toBuilder().key(renamed(update.key(), renames))
                        .expressionAttributeValues(renamedOrNull(update.expressionAttributeValues(), renames))
                        .build());
            } else if (deletesCode(item)) {
                Map<String, AttributeValue> code = codes.next();
                copy.delete(item.delete().toBuilder().key(Map.of("pk", code.get("pk"), "sk", code.get("sk")))
                        .build());
            } else if (item.delete() != null) {
                Delete delete = item.delete();
                copy.delete(delete.toBuilder().key(renamed(delete.key(), renames))
                        .expressionAttributeValues(renamedOrNull(delete.expressionAttributeValues(), renames))
                        .build());
            } else {
                ConditionCheck check = item.conditionCheck();
                copy.conditionCheck(check.toBuilder().key(renamed(check.key(), renames))
                        .expressionAttributeValues(renamedOrNull(check.expressionAttributeValues(), renames))
                        .build());
            }
            items.add(copy.build());
        }
        TransactWriteItemsRequest.Builder request = transaction.toBuilder().transactItems(items);
        if (transaction.clientRequestToken() != null) {
            // the same token within ten minutes would hand back the first commit instead of writing again
            request.clientRequestToken(UUID.randomUUID().toString());
        }
        return request.build();
    }

    /**
     * A put that creates an item under a key none of the renamed strings is part of (an idempotency key's hash, a
     * ledger entry's id) gets a key of its own on every replay.
     */
    private static Map<String, AttributeValue> created(Put put, Map<String, AttributeValue> item) {
        boolean creates = put.conditionExpression() != null
                && put.conditionExpression().contains("attribute_not_exists");
        if (!creates || !item.get("pk").equals(put.item().get("pk"))) {
            return item;
        }
        item.put("pk", AttributeValue.fromS(item.get("pk").s() + "#" + UUID.randomUUID()));
        return item;
    }

    private static Map<String, AttributeValue> renamedOrNull(Map<String, AttributeValue> values,
            Map<String, String> renames) {
        return values == null || values.isEmpty() ? null : renamed(values, renames);
    }

    private static Map<String, AttributeValue> renamed(Map<String, AttributeValue> values,
            Map<String, String> renames) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(name, renamed(value, renames)));
        return copy;
    }

    private static AttributeValue renamed(AttributeValue value, Map<String, String> renames) {
        if (value.s() != null) {
            String text = value.s();
            for (Map.Entry<String, String> rename : renames.entrySet()) {
                text = text.replace(rename.getKey(), rename.getValue());
            }
            return AttributeValue.fromS(text);
        }
        if (value.hasM()) {
            return AttributeValue.fromM(renamed(value.m(), renames));
        }
        if (value.hasL()) {
            return AttributeValue.fromL(value.l().stream().map(element -> renamed(element, renames)).toList());
        }
        return value;
    }
}
