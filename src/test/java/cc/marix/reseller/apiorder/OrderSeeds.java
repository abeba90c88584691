package cc.marix.reseller.apiorder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import cc.marix.reseller.order.OrderCounts;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/** API order items for seeding (the bench): copies of a stored order, built by {@link ApiOrderItems} as it writes them. */
public final class OrderSeeds {

    private OrderSeeds() {
    }

    /**
     * A copy of the stored API order {@code stored} under a new id (UUIDv7 of {@code createdAt}), created at
     * {@code createdAt}, in {@code status}: completed as the original, or waiting for a payment (no money, no codes).
     */
    public static Map<String, AttributeValue> copy(ApiOrderItems items, Map<String, AttributeValue> stored,
            Instant createdAt, OrderStatus status) {
        ApiOrder order = items.fromItem(stored);
        String id = new Ids(Clock.fixed(createdAt, ZoneOffset.UTC)).nextString();
        boolean pending = status == OrderStatus.PENDING_PAYMENT;
        ApiOrder copy = new ApiOrder(id, order.userId(), null, false, order.currency(), order.price(), status, null,
                Times.api(createdAt), pending ? Times.api(createdAt.plusSeconds(1800)) : null,
                pending ? null : Times.api(createdAt), order.lines(), order.events());
        return items.toItem(copy, null);
    }

    /** Deletes every shard of the user's order counts: as if the user's orders predated them. */
    public static void forgetCounts(DynamoDbClient dynamo, String table, String userId) {
        for (int shard = 0; shard < OrderCounts.SHARDS; shard++) {
            dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(OrderCounts.key(userId, shard))
                    .build());
        }
    }
}
