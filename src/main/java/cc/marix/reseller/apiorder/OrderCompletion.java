package cc.marix.reseller.apiorder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cc.marix.reseller.account.BalanceStore;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.order.OrderEvent;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.Cancellation;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Backoff;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Delivers a paid order: its codes were claimed when it was paid, so delivery is one transaction that moves the order
 * from {@code active} to {@code completed} and spends the reserved amount. Run by the request that paid it, and by
 * the order-expiry function for an order whose request died in between; whichever comes second finds the order
 * completed and does nothing.
 */
@ApplicationScoped
public class OrderCompletion {

    private static final Logger LOG = Logger.getLogger(OrderCompletion.class);
    static final int ORDER_WRITE = 0;

    private final DynamoDbClient dynamo;
    private final ApiOrderStore orders;
    private final BalanceStore balances;
    private final Clock clock;
    private final int attempts;

    public OrderCompletion(DynamoDbClient dynamo, ApiOrderStore orders, BalanceStore balances, Clock clock,
            AppConfig config) {
        this.dynamo = dynamo;
        this.orders = orders;
        this.balances = balances;
        this.clock = clock;
        this.attempts = config.orders().claimAttempts();
    }

    /**
     * The order, completed (by this call or an earlier one); still active only if contention outlasted every
     * attempt, in which case the order-expiry function completes it later.
     */
    public ApiOrder complete(ApiOrder order) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            String at = Times.api(clock.instant());
            OrderEvent event = OrderEvent.of(at, "delivered", OrderStatus.COMPLETED, order.codeCount()
                    + (order.isMock() ? " sandbox code(s)" : " code(s)") + " delivered in the order's items");
            ApiOrder completed = order.moved(OrderStatus.COMPLETED, null, at, order.lines(), event);
            List<TransactWriteItem> writes = new ArrayList<>();
            ApiOrderStore.Move move = new ApiOrderStore.Move(completed, OrderStatus.ACTIVE, event,
                    Map.of(ApiOrderItems.COMPLETED_AT, Attrs.s(at)), null);
            writes.add(orders.move(move));
            if (order.charges()) {
                writes.addAll(balances.spend(order.userId(), order.currency(), order.price(), order.orderId(), at));
            }
            writes.add(orders.countMove(move));
            try {
                Transactions.write(dynamo, writes, "order-complete", order.orderId(), attempt);
                return completed;
            } catch (TransactionCanceledException cancelled) {
                if (Cancellation.conditionFailed(cancelled, ORDER_WRITE)) {
                    // completed (or otherwise moved) by someone else meanwhile: theirs is the answer
                    return orders.find(order.orderId()).orElseThrow();
                }
                if (Cancellation.conditionFailed(cancelled, ORDER_WRITE + 1)) {
                    throw new IllegalStateException("order " + order.orderId() + ": reserved balance below its price");
                }
                Backoff.pause(attempt);
            }
        }
        // paid and holding its codes: the order-expiry function delivers it after the grace period
        LOG.warnf("order %s: could not complete for contention; left active for the order-expiry function",
                order.orderId());
        return order;
    }
}
