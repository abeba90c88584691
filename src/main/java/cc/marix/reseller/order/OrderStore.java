package cc.marix.reseller.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.Cancellation;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Orders after they were written: reads, and the leased updates of e-mail delivery. A worker takes a lease on an
 * order (one conditional update that also returns the order), and every later write is conditional on still holding
 * it, so two workers fed the same trigger can never both send.
 */
@ApplicationScoped
public class OrderStore {

    static final String LEASE_TOKEN = "leaseToken";
    static final String LEASE_UNTIL = "leaseUntil";
    /** The id of the last {@link #record} write, so that the SDK's retry of a committed one knows it is done. */
    static final String LEASE_WRITE = "leaseWrite";

    /** An order leased to one worker until {@code until}. */
    public record Leased(Order order, String token) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final OrderCounts counts;

    public OrderStore(DynamoDbClient dynamo, AppConfig config, OrderCounts counts) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.counts = counts;
    }

    public Optional<Order> find(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(OrderItems.key(orderId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.fromItem(item));
    }

    /** The order id of a partner's external order, if one was delivered or accepted. */
    public Optional<String> findByExternalId(String partner, String externalOrderId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(IdempotencyItems.externalKey(partner, externalOrderId)).consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.ofNullable(Attrs.str(item, IdempotencyItems.ORDER_ID));
    }

    /**
     * Leases an e-mail order that has a step due, in one call that also returns the order. Empty when the order is
     * unknown, has nothing due, or another worker holds an unexpired lease. A refusal that shows our own token is
     * the SDK's retry of a lease that committed but whose answer was lost: the lease is ours.
     */
    public Optional<Leased> lease(String orderId, Instant now, Instant until) {
        String token = UUID.randomUUID().toString();
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(OrderItems.key(orderId))
                    .updateExpression("SET #token = :token, #until = :until")
                    .conditionExpression("attribute_exists(pk) AND attribute_exists(#next) AND #next <= :now"
                            + " AND (attribute_not_exists(#until) OR #until < :nowMillis)")
                    .expressionAttributeNames(Map.of("#token", LEASE_TOKEN, "#until", LEASE_UNTIL,
                            "#next", OrderItems.NEXT_ATTEMPT_AT))
                    .expressionAttributeValues(Map.of(
                            ":token", Attrs.s(token),
                            ":until", Attrs.n(until.toEpochMilli()),
                            ":now", Attrs.s(Times.sortable(now)),
                            ":nowMillis", Attrs.n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
            return Optional.of(new Leased(OrderItems.fromItem(item), token));
        } catch (ConditionalCheckFailedException notDueOrBusy) {
            return ours(notDueOrBusy, LEASE_TOKEN, token)
                    ? Optional.of(new Leased(OrderItems.fromItem(notDueOrBusy.item()), token))
                    : Optional.empty();
        }
    }

    /**
     * Writes the delivery's new state and appends the events, only if the lease is still ours, and releases it
     * unless {@code keepLease} (the worker goes on to the next step). False when the lease was lost (it expired and
     * another worker took over): the caller then stops. Each write carries an id of its own and is refused if the
     * item already holds it, so the SDK's retry of a write that committed but whose answer was lost neither appends
     * the events twice nor reads as a lost lease: the refusal shows our id, and the write is done.
     */
    public boolean record(Leased leased, Delivery delivery, OrderStatus status, String fulfilledAt,
            List<OrderEvent> events, boolean keepLease) {
        return record(leased, delivery, status, fulfilledAt, events, keepLease, newWriteId());
    }

    /**
     * {@link #record} under a write id the caller made with {@link #newWriteId}: a caller that retries one logical
     * write itself passes the same id to every pass, so a pass that committed but surfaced an error is not committed
     * again.
     */
    public boolean record(Leased leased, Delivery delivery, OrderStatus status, String fulfilledAt,
            List<OrderEvent> events, boolean keepLease, String write) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        names.put("#token", LEASE_TOKEN);
        if (!keepLease) {
            names.put("#until", LEASE_UNTIL);
            removes.add("#token");
            removes.add("#until");
        }
        values.put(":token", Attrs.s(leased.token()));
        names.put("#write", LEASE_WRITE);
        values.put(":write", Attrs.s(write));
        sets.add("#write = :write");
        Map<String, AttributeValue> state = OrderItems.delivery(leased.order().orderId(), delivery);
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : state.entrySet()) {
            names.put("#a" + i, attribute.getKey());
            values.put(":a" + i, attribute.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        if (!delivery.due()) {
            for (String dueAttribute : List.of(OrderItems.NEXT_ATTEMPT_AT, TableSchema.GSI2_PK, TableSchema.GSI2_SK)) {
                names.put("#r" + i, dueAttribute);
                removes.add("#r" + i);
                i++;
            }
        }
        names.put("#status", OrderItems.STATUS);
        values.put(":status", Attrs.s(status.wire()));
        sets.add("#status = :status");
        if (fulfilledAt != null) {
            names.put("#fulfilledAt", OrderItems.FULFILLED_AT);
            values.put(":fulfilledAt", Attrs.s(fulfilledAt));
            sets.add("#fulfilledAt = :fulfilledAt");
        }
        names.put("#events", OrderItems.EVENTS);
        values.put(":events", Attrs.list(events.stream().map(OrderItems::event).toList()));
        sets.add("#events = list_append(#events, :events)");
        String update = "SET " + String.join(", ", sets)
                + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        String condition = "#token = :token AND (attribute_not_exists(#write) OR #write <> :write)";
        Order order = leased.order();
        if (status != order.status() && order.userId() != null) {
            // the order is in its user's list: its count moves with it, and only from the status it moves from (a
            // stale order in hand must not move the count a second time)
            values.put(":from", Attrs.s(order.status().wire()));
            condition += " AND #status = :from";
            return recordCounted(order, status, Update.builder().tableName(table).key(OrderItems.key(order.orderId()))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build(), write);
        }
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(OrderItems.key(order.orderId()))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException lostOrDone) {
            return ours(lostOrDone, LEASE_WRITE, write);
        }
    }

    /** A fresh id for one logical {@link #record} write. */
    public String newWriteId() {
        return UUID.randomUUID().toString();
    }

    /** {@link #record}'s write with the user's order counts moved in the same transaction; the same answers. */
    private boolean recordCounted(Order order, OrderStatus status, Update update, String write) {
        try {
            Transactions.write(dynamo, List.of(TransactWriteItem.builder().update(update).build(),
                    counts.moved(order.userId(), order.orderId(), false, Times.parse(order.createdAt()),
                            order.status(), status)),
                    "delivery-record", order.orderId(), write);
            return true;
        } catch (TransactionCanceledException refused) {
            if (!Cancellation.conditionFailed(refused, 0)) {
                throw refused;
            }
            Map<String, AttributeValue> stored = Cancellation.storedItem(refused, 0);
            return stored != null && write.equals(Attrs.str(stored, LEASE_WRITE));
        }
    }

    /**
     * Makes a delivery due now (admin replay): parked, rejected or gone steps become pending with no attempts
     * counted; a step already done stays done, so an acknowledged callback is never sent twice.
     */
    public Optional<Order> rearm(String orderId, Instant now) {
        Optional<Order> current = find(orderId);
        if (current.isEmpty() || current.get().delivery() == null) {
            return current;
        }
        Delivery delivery = current.get().delivery();
        Delivery.Step email = rearmed(delivery.email());
        Delivery.Step callback = rearmed(delivery.callback());
        boolean anything = email.state() == StepState.PENDING || callback.state() == StepState.PENDING;
        Delivery rearmed = new Delivery(delivery.customerEmail(), delivery.callbackUrl(), delivery.language(), email,
                callback, anything ? Times.sortable(now) : null);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : OrderItems.delivery(orderId, rearmed).entrySet()) {
            names.put("#a" + i, attribute.getKey());
            values.put(":a" + i, attribute.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        if (!anything) {
            for (String dueAttribute : List.of(OrderItems.NEXT_ATTEMPT_AT, TableSchema.GSI2_PK, TableSchema.GSI2_SK)) {
                names.put("#r" + i, dueAttribute);
                i++;
            }
        }
        names.put("#events", OrderItems.EVENTS);
        values.put(":events", Attrs.list(List.of(OrderItems.event(OrderEvent.of(Times.api(now), "replay_requested",
                current.get().status(), "admin replay: e-mail " + email.state().wire() + ", callback "
                        + callback.state().wire())))));
        sets.add("#events = list_append(#events, :events)");
        names.put("#emailState", OrderItems.EMAIL_STATE);
        names.put("#callbackState", OrderItems.CALLBACK_STATE);
        values.put(":readEmail", Attrs.s(delivery.email().state().wire()));
        values.put(":readCallback", Attrs.s(delivery.callback().state().wire()));
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(OrderItems.key(orderId))
                    .updateExpression("SET " + String.join(", ", sets) + (anything ? ""
                            : " REMOVE " + String.join(", ", names.keySet().stream().filter(n -> n.startsWith("#r"))
                                    .sorted().toList())))
                    .conditionExpression("#emailState = :readEmail AND #callbackState = :readCallback")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
        } catch (ConditionalCheckFailedException changed) {
            // a worker moved the delivery meanwhile (or this write's own repeat after a lost answer): what was
            // written stands, and the order read next is the answer either way
        }
        return find(orderId);
    }

    /** A step replayed: parked, refused or gone becomes pending with fresh attempts; pending and done stay as they are. */
    private static Delivery.Step rearmed(Delivery.Step step) {
        return switch (step.state()) {
            case PARKED, GONE, REJECTED -> Delivery.Step.pending();
            case PENDING, DONE -> step;
        };
    }

    /** Ids of orders whose next delivery attempt is due at {@code now}, oldest first. */
    public List<String> due(Instant now, int limit) {
        return dynamo.query(QueryRequest.builder()
                .tableName(table)
                .indexName(TableSchema.GSI2)
                .keyConditionExpression("#pk = :due AND #sk <= :now")
                .expressionAttributeNames(Map.of("#pk", TableSchema.GSI2_PK, "#sk", TableSchema.GSI2_SK))
                .expressionAttributeValues(Map.of(
                        ":due", Attrs.s(OrderItems.DUE),
                        // "~" sorts after the "#orderId" suffix, so every entry due at this instant is included
                        ":now", Attrs.s(Times.sortable(now) + "~")))
                .limit(limit)
                .build()).items().stream()
                .map(item -> Attrs.str(item, TableSchema.PK).substring("ORDER#".length()))
                .toList();
    }

    /** Whether a refused write was refused because the item already holds our own {@code value} in {@code name}. */
    private static boolean ours(ConditionalCheckFailedException refused, String name, String value) {
        return refused.hasItem() && value.equals(Attrs.str(refused.item(), name));
    }
}
