package cc.marix.reseller.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.store.WriteIds;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Payments in the table (see {@link PaymentItems} for the layout): reads, the first write, and changes. */
@ApplicationScoped
public class PaymentStore {

    /** Pointer items of order payments: {@code PAYREF#order#<orderId>}. */
    static final String ORDER_REF = "order";

    private final DynamoDbClient dynamo;
    private final String table;

    public PaymentStore(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    /**
     * Writes a new payment (and, for Tribute, its pointer) in one transaction after the writes {@code with} (so a
     * refusal of one of those is told by its own index); it fails if the payment or pointer exists.
     */
    public void create(Payment payment, Instant checkAt, List<TransactWriteItem> with) {
        List<TransactWriteItem> writes = new ArrayList<>(with);
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(PaymentItems.toItem(payment, checkAt))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        if (payment.provider() == Provider.TRIBUTE) {
            Map<String, AttributeValue> pointer = new HashMap<>(PaymentItems.refKey(payment.provider().wire(),
                    payment.providerRef()));
            pointer.put("paymentId", Attrs.s(payment.paymentId()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(pointer)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        Transactions.write(dynamo, writes, "payment-create", payment.paymentId());
    }

    public Optional<Payment> find(String paymentId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(PaymentItems.key(paymentId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(PaymentItems.fromItem(item));
    }

    /** The payment a provider knows by {@code ref}: Tribute's order uuid (read through its pointer). */
    public Optional<Payment> findByRef(Provider provider, String ref) {
        Map<String, AttributeValue> pointer = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(PaymentItems.refKey(provider.wire(), ref)).consistentRead(true).build()).item();
        return pointer == null || pointer.isEmpty() ? Optional.empty() : find(Attrs.str(pointer, "paymentId"));
    }

    /** The payment last opened for an order, if any. */
    public Optional<Payment> forOrder(String orderId) {
        Map<String, AttributeValue> pointer = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(PaymentItems.refKey(ORDER_REF, orderId)).consistentRead(true).build()).item();
        return pointer == null || pointer.isEmpty() ? Optional.empty() : find(Attrs.str(pointer, "paymentId"));
    }

    /**
     * The write that makes {@code paymentId} the order's payment: only if the order has none, or still the one
     * {@code previous} the caller saw, so of two requests opening a payment for one order only one succeeds.
     */
    public TransactWriteItem orderPointer(String orderId, String paymentId, String previous) {
        Map<String, AttributeValue> pointer = new HashMap<>(PaymentItems.refKey(ORDER_REF, orderId));
        pointer.put("paymentId", Attrs.s(paymentId));
        Put.Builder put = Put.builder().tableName(table).item(pointer);
        if (previous == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("paymentId = :previous")
                    .expressionAttributeValues(Map.of(":previous", Attrs.s(previous)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** A user's top-ups of one kind, newest first. */
    public List<Payment> topUps(String userId, PaymentPurpose purpose, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table).indexName(TableSchema.GSI1)
                .keyConditionExpression("gsi1pk = :user")
                .expressionAttributeValues(Map.of(":user",
                        Attrs.s(PaymentItems.USER_TOPUPS + userId + "#" + purpose.wire())))
                .scanIndexForward(false).limit(limit).build())
                .items().stream().map(PaymentItems::fromItem).toList();
    }

    /** Ids of open payments the provider should be asked about by {@code now}, the most overdue first. */
    public List<String> due(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.query(QueryRequest.builder().tableName(table)
                .indexName(TableSchema.GSI2)
                .keyConditionExpression("gsi2pk = :open AND gsi2sk <= :now")
                .expressionAttributeValues(Map.of(":open", Attrs.s(PaymentItems.OPEN),
                        ":now", Attrs.s(Times.sortable(now))))
                .limit(limit).build()).items()) {
            ids.add(Attrs.str(item, TableSchema.PK).substring(PaymentItems.PK_PREFIX.length()));
        }
        return ids;
    }

    /** Files an open payment for its next look; false when it is no longer open. */
    public boolean reschedule(String paymentId, Instant checkAt) {
        Map<String, AttributeValue> keys = PaymentItems.openKeys(checkAt, paymentId);
        // no write id: the SDK's repeat of a write that committed passes the same condition and writes the same value
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(PaymentItems.key(paymentId))
                    .updateExpression("SET gsi2sk = :sk")
                    .conditionExpression("gsi2pk = :open")
                    .expressionAttributeValues(Map.of(":sk", keys.get(TableSchema.GSI2_SK),
                            ":open", Attrs.s(PaymentItems.OPEN)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException closed) {
            return false;
        }
    }

    /**
     * Files a payment closed {@code expired} for its next late poll, or takes it off the list when there is none;
     * only while it is still expired with no money on its way (news of money, or a payment, wins over this).
     */
    public void fileLatePoll(String paymentId, Optional<Instant> next) {
        Map<String, String> names = Map.of("#status", PaymentItems.STATUS, "#rank", PaymentItems.PROVIDER_RANK);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":expired", Attrs.s(PaymentStatus.EXPIRED.wire()),
                ":inFlight", Attrs.n(ProviderUpdate.MONEY_IN_FLIGHT)));
        String update = "REMOVE gsi2pk, gsi2sk";
        if (next.isPresent()) {
            Map<String, AttributeValue> keys = PaymentItems.openKeys(next.get(), paymentId);
            values.put(":openPk", keys.get(TableSchema.GSI2_PK));
            values.put(":openSk", keys.get(TableSchema.GSI2_SK));
            update = "SET gsi2pk = :openPk, gsi2sk = :openSk";
        }
        // no write id: the SDK's repeat of a write that committed passes the same condition and writes the same values
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(PaymentItems.key(paymentId))
                    .updateExpression(update).conditionExpression("#status = :expired AND #rank < :inFlight")
                    .expressionAttributeNames(names).expressionAttributeValues(values).build());
        } catch (ConditionalCheckFailedException moved) {
            // paid, or money on its way, meanwhile: the write that did so filed it
        }
    }

    /**
     * Applies a change on its own; false when its condition failed (news seen, or the payment moved). The SDK's
     * repeat of a change that committed is refused by the news it recorded, and recognised by its write id
     * ({@link WriteIds}): true, as the first attempt would have answered, not a duplicate.
     */
    public boolean apply(PaymentChange change) {
        String writeId = WriteIds.next();
        Expression expression = expression(change, writeId);
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(PaymentItems.key(change.read().paymentId()))
                    .updateExpression(expression.update()).conditionExpression(expression.condition())
                    .expressionAttributeNames(expression.names()).expressionAttributeValues(expression.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return WriteIds.ours(refused, writeId);
        }
    }

    /** The change as a write of a transaction (first in it, so a refusal is told by index 0). */
    public TransactWriteItem write(PaymentChange change) {
        // a transaction's repeat is answered by its token (Transactions), so it needs no write id
        Expression expression = expression(change, null);
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(PaymentItems.key(change.read().paymentId()))
                .updateExpression(expression.update()).conditionExpression(expression.condition())
                .expressionAttributeNames(expression.names()).expressionAttributeValues(expression.values())
                .build()).build();
    }

    private record Expression(String update, String condition, Map<String, String> names,
            Map<String, AttributeValue> values) {
    }

    private static Expression expression(PaymentChange change, String writeId) {
        Map<String, String> names = new HashMap<>(Map.of("#events", PaymentItems.EVENTS, "#seen", PaymentItems.SEEN));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":event", Attrs.list(PaymentItems.events(change.event())));
        values.put(":none", Attrs.list(List.of()));
        values.put(":hash", Attrs.s(change.update().hash()));
        values.put(":hashes", Attrs.ss(List.of(change.update().hash())));
        StringBuilder set = new StringBuilder("SET #events = list_append(if_not_exists(#events, :none), :event)");
        StringBuilder add = new StringBuilder(" ADD #seen :hashes");
        StringBuilder condition = new StringBuilder("attribute_exists(pk) AND NOT contains(#seen, :hash)");
        if (writeId != null) {
            names.put("#write", WriteIds.ATTRIBUTE);
            values.put(":write", Attrs.s(writeId));
            set.append(", #write = :write");
        }
        if (change.to() != null || change.advance()) {
            // decided on the status read: if it moved, the writer must decide again
            names.put("#status", PaymentItems.STATUS);
            values.put(":from", Attrs.s(change.read().status().wire()));
            condition.append(" AND #status = :from");
            // decided on whether the top-up's money was in the pending bucket as read: a hold committed in between
            // (news of money on its way, racing this one) makes the writer decide again
            names.put("#flags", PaymentItems.FLAGS);
            values.put(":pendingHeld", Attrs.s(PaymentProgress.PENDING_HELD));
            condition.append(change.read().flags().contains(PaymentProgress.PENDING_HELD)
                    ? " AND contains(#flags, :pendingHeld)" : " AND NOT contains(#flags, :pendingHeld)");
            if (PaymentProgress.holdsPending(change.read())) {
                // and still held: a release committed in between (e.g. a close racing a higher-ranked update of an
                // expired payment, both on the same status) must not let this writer release it a second time
                values.put(":pendingReleased", Attrs.s(PaymentProgress.PENDING_RELEASED));
                condition.append(" AND NOT contains(#flags, :pendingReleased)");
            }
        }
        if (change.to() != null) {
            values.put(":to", Attrs.s(change.to().wire()));
            set.append(", #status = :to");
        }
        if (change.to() == PaymentStatus.EXPIRED) {
            // its late polls count from here
            names.put("#expiredAt", PaymentItems.EXPIRED_AT);
            values.put(":expiredAt", Attrs.s(change.event().at()));
            set.append(", #expiredAt = :expiredAt");
        }
        names.put("#rank", PaymentItems.PROVIDER_RANK);
        if (change.advance()) {
            names.put("#providerStatus", PaymentItems.PROVIDER_STATUS);
            values.put(":providerStatus", Attrs.s(change.update().status()));
            values.put(":rank", Attrs.n(change.update().rank()));
            set.append(", #providerStatus = :providerStatus, #rank = :rank");
            condition.append(" AND #rank < :rank");
        } else if (change.to() != null) {
            // e.g. an expiry decided on "no money on its way": not if news of money came in between
            values.put(":readRank", Attrs.n(change.read().providerRank()));
            condition.append(" AND #rank = :readRank");
        } else {
            names.remove("#rank");
        }
        if (change.credited() != null) {
            names.put("#credited", PaymentItems.CREDITED_AMOUNT);
            values.put(":credited", Attrs.n(change.credited()));
            set.append(", #credited = :credited");
        }
        if (!change.flags().isEmpty()) {
            names.put("#flags", PaymentItems.FLAGS);
            values.put(":flags", Attrs.ss(change.flags()));
            add.append(", #flags :flags");
        }
        String remove = "";
        if (change.close()) {
            remove = " REMOVE gsi2pk, gsi2sk";
        } else if (change.checkAt() != null) {
            Map<String, AttributeValue> keys = PaymentItems.openKeys(change.checkAt(), change.read().paymentId());
            values.put(":openPk", keys.get(TableSchema.GSI2_PK));
            values.put(":openSk", keys.get(TableSchema.GSI2_SK));
            set.append(", gsi2pk = :openPk, gsi2sk = :openSk");
        }
        return new Expression(set + add.toString() + remove, condition.toString(), names, values);
    }
}
