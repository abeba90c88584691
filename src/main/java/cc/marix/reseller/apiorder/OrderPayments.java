package cc.marix.reseller.apiorder;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cc.marix.reseller.account.BalanceStore;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.order.OrderEvent;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.Cancellation;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Backoff;
import cc.marix.reseller.support.Times;
import io.quarkus.runtime.annotations.RegisterForReflection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Applies a payment received for an order, exactly once per payment reference ({@code PAYMENT#<reference>}, taken in
 * the same transaction as everything the payment does). An order still waiting is paid: the money enters the reserved
 * balance, the codes are claimed and the order moves to {@code active} in one transaction, then it is delivered. An
 * order that cannot take the payment any more (cancelled by the expiry, or paid already) keeps its state and the money
 * goes to the available balance; so does the money of an order whose codes ran out meanwhile, which is cancelled
 * {@code out_of_stock}. The status condition on the order decides every race with the expiry.
 */
@ApplicationScoped
public class OrderPayments {

    private static final Logger LOG = Logger.getLogger(OrderPayments.class);
    static final String SK = "PAYMENT";
    static final int PAYMENT_WRITE = 0;
    static final int ORDER_WRITE = 1;
    /** On the applied-payment item: where the money went ({@code PAID}: the order; {@code CREDITED_TO_BALANCE}). */
    static final String OUTCOME = "outcome";

    /** What a payment did. */
    public enum Outcome {
        /** Paid the order, which is delivered (or, under contention, about to be). */
        PAID,
        /** The order could not take it: credited to the available balance. */
        CREDITED_TO_BALANCE,
        /** This reference was applied before; nothing done now. */
        ALREADY_APPLIED
    }

    /**
     * What a payment did: {@code toBalance} when its money went to the available balance (now, or when the reference
     * was first applied), not to the order.
     */
    @RegisterForReflection
    public record Settled(String orderId, String outcome, String status, String cancelReason, boolean toBalance) {
    }

    private final DynamoDbClient dynamo;
    private final ApiOrderStore orders;
    private final ApiOrderItems items;
    private final StockHold stock;
    private final BalanceStore balances;
    private final OrderCompletion completion;
    private final Clock clock;
    private final String table;
    private final AppConfig.Orders settings;

    public OrderPayments(DynamoDbClient dynamo, ApiOrderStore orders, ApiOrderItems items, StockHold stock,
            BalanceStore balances, OrderCompletion completion, Clock clock, AppConfig config) {
        this.dynamo = dynamo;
        this.orders = orders;
        this.items = items;
        this.stock = stock;
        this.balances = balances;
        this.completion = completion;
        this.clock = clock;
        this.table = config.table().name();
        this.settings = config.orders();
    }

    /** Applies the payment of the order's full price, identified by {@code reference}. */
    public Settled settle(String orderId, String reference) {
        ApiOrder order = orders.find(orderId)
                .orElseThrow(() -> ApiException.notFound("order_not_found", "no order " + orderId));
        if (order.isMock()) {
            throw new ApiException(409, "mock_order", "a sandbox order is never paid: it charges nothing");
        }
        for (int attempt = 0; attempt < settings.claimAttempts(); attempt++) {
            if (order.status() != OrderStatus.PENDING_PAYMENT) {
                return credit(order, reference);
            }
            StockHold.Held hold;
            try {
                hold = stock.hold(order.lines());
            } catch (ApiException outOfStock) {
                Optional<Settled> cancelled = cancelOutOfStock(order, reference);
                if (cancelled.isPresent()) {
                    return cancelled.get();
                }
                // moved meanwhile: apply the payment to whatever state it is in now
                order = orders.find(orderId).orElseThrow();
                continue;
            }
            List<OrderLine> held = hold.lines();
            Instant now = clock.instant();
            String at = Times.api(now);
            OrderEvent event = OrderEvent.of(at, "paid", OrderStatus.ACTIVE, "payment " + reference + " of "
                    + order.price().toPlainString() + " " + order.currency().wire() + " received");
            ApiOrder paid = order.moved(OrderStatus.ACTIVE, null, null, held, event);
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(paymentKey(order, reference, at, Outcome.PAID));
            ApiOrderStore.Move move = new ApiOrderStore.Move(paid, OrderStatus.PENDING_PAYMENT, event,
                    Map.of(ApiOrderItems.LINES, items.lines(held), ApiOrderItems.PAYMENT_METHOD,
                            Attrs.s(method(reference))), now.plus(settings.completionGrace()));
            writes.add(orders.move(move));
            writes.addAll(balances.receive(order.userId(), order.currency(), order.price(), true,
                    "payment " + reference + " for order " + orderId, orderId, at));
            writes.addAll(stock.claims(held));
            writes.add(orders.countMove(move));
            try {
                transact(writes);
                hold.reportLevels();
                LOG.infof("order %s: paid by %s", orderId, reference);
                ApiOrder done = completion.complete(paid);
                return settled(done, Outcome.PAID, false);
            } catch (TransactionCanceledException cancelled) {
                if (Cancellation.conditionFailed(cancelled, PAYMENT_WRITE)) {
                    return applied(order, reference, cancelled);
                }
                if (Cancellation.conditionFailed(cancelled, ORDER_WRITE)) {
                    // the expiry (or another payment) moved it first: this payment must not be lost
                    order = orders.find(orderId).orElseThrow();
                    continue;
                }
                Backoff.pause(attempt);
            }
        }
        throw ApiException.unavailable("contention", "the payment could not be applied now; retry shortly", 1);
    }

    /** The way a reference paid: its prefix ({@code tribute:<uuid>} -> {@code tribute}, {@code admin:<ref>}...). */
    static String method(String reference) {
        int colon = reference.indexOf(':');
        return colon < 0 ? reference : reference.substring(0, colon);
    }

    private Settled credit(ApiOrder order, String reference) {
        String at = Times.api(clock.instant());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(paymentKey(order, reference, at, Outcome.CREDITED_TO_BALANCE));
        writes.addAll(balances.receive(order.userId(), order.currency(), order.price(), false, "payment " + reference
                + " for order " + order.orderId() + ", which was " + order.status().wire() + ": credited",
                order.orderId(), at));
        try {
            transact(writes);
            LOG.infof("order %s: payment %s credited to the balance (order %s)", order.orderId(), reference,
                    order.status().wire());
            return settled(order, Outcome.CREDITED_TO_BALANCE, true);
        } catch (TransactionCanceledException cancelled) {
            if (Cancellation.conditionFailed(cancelled, PAYMENT_WRITE)) {
                return applied(order, reference, cancelled);
            }
            throw cancelled;
        }
    }

    /**
     * The reference was applied before: to this order, nothing more to do; to another order, a mistake the operator
     * (or provider) must hear about, since this order's payment is still not applied.
     */
    private Settled applied(ApiOrder order, String reference, TransactionCanceledException cancelled) {
        Map<String, AttributeValue> earlier = Cancellation.storedItem(cancelled, PAYMENT_WRITE);
        String paidOrder = earlier == null ? null : Attrs.str(earlier, "orderId");
        if (paidOrder != null && !paidOrder.equals(order.orderId())) {
            throw new ApiException(409, "reference_used", "payment " + reference + " was already applied to order "
                    + paidOrder + "; nothing was applied to order " + order.orderId());
        }
        return settled(order, Outcome.ALREADY_APPLIED, earlier != null && wentToBalance(earlier));
    }

    /**
     * How the payment {@code reference} was applied to this order, if it was: a refund must know whether the money
     * went to the order (codes delivered) or to the balance (it can be taken back from there). One GetItem.
     */
    public Optional<Settled> earlier(String orderId, String reference) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Attrs.key(SK + "#" + reference, SK)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty() || !orderId.equals(Attrs.str(item, "orderId"))) {
            return Optional.empty();
        }
        return Optional.of(new Settled(orderId, Outcome.ALREADY_APPLIED.name().toLowerCase(Locale.ROOT), null, null,
                wentToBalance(item)));
    }

    private static boolean wentToBalance(Map<String, AttributeValue> appliedPayment) {
        return Outcome.CREDITED_TO_BALANCE.name().equals(Attrs.str(appliedPayment, OUTCOME));
    }

    /** Empty when the order moved meanwhile (the caller applies the payment to its new state). */
    private Optional<Settled> cancelOutOfStock(ApiOrder order, String reference) {
        String at = Times.api(clock.instant());
        OrderEvent event = OrderEvent.of(at, "cancelled", OrderStatus.CANCELLED, "payment " + reference
                + " received, but the codes ran out: the amount is credited to the balance");
        ApiOrder cancelled = order.moved(OrderStatus.CANCELLED, ApiOrder.OUT_OF_STOCK, null, order.lines(), event);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(paymentKey(order, reference, at, Outcome.CREDITED_TO_BALANCE));
        ApiOrderStore.Move move = new ApiOrderStore.Move(cancelled, OrderStatus.PENDING_PAYMENT, event,
                Map.of(ApiOrderItems.CANCEL_REASON, Attrs.s(ApiOrder.OUT_OF_STOCK)), null);
        writes.add(orders.move(move));
        writes.addAll(balances.receive(order.userId(), order.currency(), order.price(), false, "payment "
                + reference + " for order " + order.orderId() + ", cancelled out of stock: credited",
                order.orderId(), at));
        writes.add(orders.countMove(move));
        try {
            transact(writes);
            return Optional.of(settled(cancelled, Outcome.CREDITED_TO_BALANCE, true));
        } catch (TransactionCanceledException refused) {
            if (Cancellation.conditionFailed(refused, PAYMENT_WRITE)) {
                return Optional.of(applied(order, reference, refused));
            }
            // the order moved, or a conflict: the caller looks at the order again
            return Optional.empty();
        }
    }

    private TransactWriteItem paymentKey(ApiOrder order, String reference, String at, Outcome outcome) {
        Map<String, AttributeValue> item = new HashMap<>(Attrs.key(SK + "#" + reference, SK));
        item.put(OUTCOME, Attrs.s(outcome.name()));
        item.put("orderId", Attrs.s(order.orderId()));
        item.put("amount", Attrs.n(order.price()));
        item.put("currency", Attrs.s(order.currency().wire()));
        item.put("appliedAt", Attrs.s(at));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    private void transact(List<TransactWriteItem> writes) {
        // the writes carry the order, the payment reference and the state they expect: that is the identity
        Transactions.write(dynamo, writes, "order-payment");
    }

    private static Settled settled(ApiOrder order, Outcome outcome, boolean toBalance) {
        return new Settled(order.orderId(), outcome.name().toLowerCase(Locale.ROOT), order.status().wire(),
                order.cancelReason(), toBalance);
    }
}
