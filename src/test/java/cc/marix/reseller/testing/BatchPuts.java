package cc.marix.reseller.testing;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Seeds' bulk writes: BatchWriteItem of 25 puts a call, unprocessed items sent again until none is left. */
public final class BatchPuts {

    private static final int BATCH = 25;

    private BatchPuts() {
    }

    public static void putAll(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int start = 0; start < items.size(); start += BATCH) {
            List<WriteRequest> batch = items.subList(start, Math.min(items.size(), start + BATCH)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> sent = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(builder -> builder.requestItems(sent));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }
}
