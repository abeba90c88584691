package cc.marix.reseller.apiorder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.order.OrderCounts;
import cc.marix.reseller.order.OrderEvent;
import cc.marix.reseller.order.OrderItems;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.Cancellation;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.store.WriteIds;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * API orders in the table: reads, the first write, and status moves. Every move is conditional on the status it
 * leaves, so of two writers racing to move one order (a late payment and the expiry, a request and the sweeper) only
 * one succeeds, and the other learns it from the refused condition.
 */
@ApplicationScoped
public class ApiOrderStore {

    /** A status move: the event recorded with it, attributes set with it, and the gsi2 work it files (or none). */
    record Move(ApiOrder order, OrderStatus from, OrderEvent event, Map<String, AttributeValue> set, Instant dueAt) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final ApiOrderItems items;
    private final OrderCounts counts;

    public ApiOrderStore(DynamoDbClient dynamo, AppConfig config, ApiOrderItems items, OrderCounts counts) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.items = items;
        this.counts = counts;
    }

    /** The API order with this id; empty when unknown or when the id is a partner order's. */
    public Optional<ApiOrder> find(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(OrderItems.key(orderId)).consistentRead(true).build()).item();
        return item == null || !ApiOrderItems.isApiOrder(item) ? Optional.empty() : Optional.of(items.fromItem(item));
    }

    /** The write of a new order; it fails if the id exists. */
    TransactWriteItem create(ApiOrder order, Instant dueAt) {
        return put(items.toItem(order, dueAt));
    }

    /**
     * The write of a new sandbox order, which leaves the list at the end of its day plus the retention
     * ({@link OrderCounts#sandboxExpiry}, when its count stops counting) and which DynamoDB's TTL deletes (with its
     * gsi1 entry) some time after.
     */
    TransactWriteItem createMock(ApiOrder order, Instant dueAt) {
        Map<String, AttributeValue> item = items.toItem(order, dueAt);
        item.put(TableSchema.TTL, Attrs.n(sandboxExpiry(order).getEpochSecond()));
        return put(item);
    }

    /** When a sandbox order leaves the list (and its idempotency key may go). */
    Instant sandboxExpiry(ApiOrder order) {
        return counts.sandboxExpiry(Times.parse(order.createdAt()));
    }

    /** The write that counts a new order in its user's order counts ({@link OrderCounts}); last in its transaction. */
    TransactWriteItem countNew(ApiOrder order) {
        return counts.created(order.userId(), order.orderId(), order.isMock(), Times.parse(order.createdAt()),
                order.status());
    }

    /** The write that moves the order's count with {@code move}; last in its transaction, after {@link #move}. */
    TransactWriteItem countMove(Move move) {
        ApiOrder order = move.order();
        return counts.moved(order.userId(), order.orderId(), order.isMock(), Times.parse(order.createdAt()),
                move.from(), order.status());
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** A transaction's check that the order is still waiting for its payment. */
    public TransactWriteItem requirePending(String orderId) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(OrderItems.key(orderId))
                .conditionExpression("#status = :pending")
                .expressionAttributeNames(Map.of("#status", ApiOrderItems.STATUS))
                .expressionAttributeValues(Map.of(":pending", Attrs.s(OrderStatus.PENDING_PAYMENT.wire())))
                .build()).build();
    }

    /** The write that moves the order from {@code move.from()} to the status of {@code move.order()}. */
    TransactWriteItem move(Move move) {
        // a transaction's repeat is answered by its token (Transactions), so it needs no write id
        Expression moved = expression(move, null, null);
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(OrderItems.key(move.order().orderId()))
                .updateExpression(moved.update()).conditionExpression(moved.condition())
                .expressionAttributeNames(moved.names()).expressionAttributeValues(moved.values())
                .build()).build();
    }

    /**
     * Cancels an order still waiting for its payment once the payment window has closed, with its count (one
     * transaction); false when it was paid or cancelled first, or its window is still open. A repeat within DynamoDB's
     * token window is answered by the token ({@link Transactions}); a later repeat of an expiry that committed is
     * refused by the status it wrote, and recognised by its write id ({@link WriteIds}): true, as the first attempt
     * would have said.
     */
    boolean expire(Move move, Instant now) {
        String writeId = WriteIds.next();
        Expression moved = expression(move, now, writeId);
        TransactWriteItem order = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(OrderItems.key(move.order().orderId()))
                .updateExpression(moved.update()).conditionExpression(moved.condition())
                .expressionAttributeNames(moved.names()).expressionAttributeValues(moved.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
        try {
            Transactions.write(dynamo, List.of(order, countMove(move)), "order-expire", move.order().orderId(),
                    writeId);
            return true;
        } catch (TransactionCanceledException refused) {
            if (!Cancellation.conditionFailed(refused, 0)) {
                // a conflict with another transaction: the next run looks at the order again
                throw refused;
            }
            Map<String, AttributeValue> stored = Cancellation.storedItem(refused, 0);
            return stored != null && writeId.equals(Attrs.str(stored, WriteIds.ATTRIBUTE));
        }
    }

    /** Ids of orders filed under {@code kind} in gsi2 whose work is due by {@code now}, the most overdue first. */
    List<String> due(String kind, Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.query(QueryRequest.builder().tableName(table)
                .indexName(TableSchema.GSI2)
                .keyConditionExpression("gsi2pk = :kind AND gsi2sk <= :now")
                .expressionAttributeValues(Map.of(":kind", Attrs.s(kind), ":now", Attrs.s(Times.sortable(now))))
                .limit(limit)
                .build()).items()) {
            ids.add(Attrs.str(item, TableSchema.PK).substring(OrderItems.ORDER_PK_PREFIX.length()));
        }
        return ids;
    }

    private record Expression(String update, String condition, Map<String, String> names,
            Map<String, AttributeValue> values) {
    }

    /** The update of a move, conditional on the status it leaves (and, for an expiry, on the window being closed). */
    private static Expression expression(Move move, Instant expiredBy, String writeId) {
        ApiOrder order = move.order();
        Map<String, String> names = new HashMap<>(Map.of("#status", ApiOrderItems.STATUS,
                "#events", ApiOrderItems.EVENTS));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", Attrs.s(order.status().wire()));
        values.put(":from", Attrs.s(move.from().wire()));
        values.put(":event", Attrs.list(List.of(OrderItems.event(move.event()))));
        StringBuilder update = new StringBuilder("SET #status = :to, #events = list_append(#events, :event)");
        int n = 0;
        for (Map.Entry<String, AttributeValue> attribute : move.set().entrySet()) {
            names.put("#a" + n, attribute.getKey());
            values.put(":a" + n, attribute.getValue());
            update.append(", #a").append(n).append(" = :a").append(n);
            n++;
        }
        if (writeId != null) {
            names.put("#write", WriteIds.ATTRIBUTE);
            values.put(":write", Attrs.s(writeId));
            update.append(", #write = :write");
        }
        if (move.dueAt() != null) {
            Map<String, AttributeValue> due = ApiOrderItems.dueKeys(order.status(), move.dueAt(), order.orderId());
            values.put(":duePk", due.get(TableSchema.GSI2_PK));
            values.put(":dueSk", due.get(TableSchema.GSI2_SK));
            update.append(", gsi2pk = :duePk, gsi2sk = :dueSk");
        } else {
            update.append(" REMOVE gsi2pk, gsi2sk");
        }
        String condition = "#status = :from";
        if (expiredBy != null) {
            // ISO-8601 UTC instants of one format compare as strings
            names.put("#expires", ApiOrderItems.PAYMENT_EXPIRES_AT);
            values.put(":now", Attrs.s(Times.api(expiredBy)));
            condition += " AND #expires <= :now";
        }
        return new Expression(update.toString(), condition, names, values);
    }
}
