package cc.marix.reseller.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.support.Backoff;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * BatchGetItem over any number of keys: DynamoDB takes at most 100 keys a call and may hand some back unprocessed
 * (throttling, the 16 MB answer limit); those are asked for again after a short pause, never dropped.
 */
public final class BatchReads {

    /** DynamoDB's limit of keys per BatchGetItem call. */
    public static final int MAX_KEYS = 100;
    static final int ATTEMPTS = 8;

    private BatchReads() {
    }

    /**
     * Every stored item of {@code keys} (absent keys are simply missing from the answer), in no particular order.
     * {@code projection} may be null; {@code names} holds its placeholders.
     */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
            List<Map<String, AttributeValue>> keys, String projection, Map<String, String> names,
            boolean consistent) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int start = 0; start < keys.size(); start += MAX_KEYS) {
            List<Map<String, AttributeValue>> chunk = keys.subList(start, Math.min(keys.size(), start + MAX_KEYS));
            KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(chunk).consistentRead(consistent);
            if (projection != null) {
                request.projectionExpression(projection);
                if (!names.isEmpty()) {
                    request.expressionAttributeNames(names);
                }
            }
            Map<String, KeysAndAttributes> pending = new HashMap<>(Map.of(table, request.build()));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt >= ATTEMPTS) {
                    throw ApiException.unavailable("throttled", "busy, retry shortly", 1);
                }
                if (attempt > 0) {
                    Backoff.pause(attempt);
                }
                BatchGetItemResponse response = dynamo.batchGetItem(
                        BatchGetItemRequest.builder().requestItems(pending).build());
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? new HashMap<>(response.unprocessedKeys()) : Map.of();
            }
        }
        return items;
    }
}
