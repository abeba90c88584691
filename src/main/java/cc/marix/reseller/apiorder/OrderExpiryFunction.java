package cc.marix.reseller.apiorder;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.lambda.EventFunction;
import cc.marix.reseller.lambda.Functions;
import cc.marix.reseller.lambda.ScheduledJob;
import cc.marix.reseller.metrics.Metric;
import cc.marix.reseller.metrics.Metrics;
import cc.marix.reseller.order.OrderEvent;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.stock.StockWatch;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.support.CrashPoints;
import cc.marix.reseller.support.Times;

/**
 * Runs on a schedule ({@code {"job": "order-expiry"}}, every minute). Cancels the orders whose payment window closed
 * ({@code cancelReason: payment_expired}, or {@code payment_failure} when the order's last payment failed at the
 * provider: its pointer and payment are read); they hold nothing while they wait, so there is nothing to release. Also
 * delivers paid orders left {@code active} past the grace period by a request that died half-way. Every move is
 * conditional on the order's status, so a run racing a late payment, or another run, never both cancels and delivers.
 * Then it looks at the stock level of the products sold or restocked since its last run ({@link StockWatch}: the
 * {@code LowStock} metric and its alarm); that rides on this every-minute job rather than being a scheduled function
 * of its own.
 */
@ApplicationScoped
public class OrderExpiryFunction implements EventFunction {

    private static final Logger LOG = Logger.getLogger(OrderExpiryFunction.class);
    static final String JOB = "order-expiry";

    private final ApiOrderStore orders;
    private final OrderCompletion completion;
    private final PaymentStore payments;
    private final StockWatch stock;
    private final Clock clock;
    private final int batchSize;

    public OrderExpiryFunction(ApiOrderStore orders, OrderCompletion completion, PaymentStore payments,
            StockWatch stock, Clock clock, AppConfig config) {
        this.orders = orders;
        this.completion = completion;
        this.payments = payments;
        this.stock = stock;
        this.clock = clock;
        this.batchSize = config.orders().sweepBatchSize();
    }

    @Override
    public String name() {
        return Functions.ORDER_EXPIRY;
    }

    @Override
    public boolean accepts(JsonNode event) {
        return ScheduledJob.is(event, JOB);
    }

    @Override
    public Object handle(JsonNode event) {
        ScheduledJob.require(event, JOB);
        Instant now = clock.instant();
        Map<String, Integer> outcomes = new TreeMap<>(Map.of("expired", 0, "completed", 0, "left_as_is", 0,
                "failed", 0));
        for (String orderId : orders.due(ApiOrderItems.PAYMENT_DUE, now, batchSize)) {
            outcomes.merge(safely(orderId, () -> expire(orderId, now) ? "expired" : "left_as_is"), 1, Integer::sum);
            CrashPoints.reached(CrashPoints.MID_ORDER_EXPIRY);
        }
        for (String orderId : orders.due(ApiOrderItems.COMPLETION_DUE, now, batchSize)) {
            outcomes.merge(safely(orderId, () -> complete(orderId) ? "completed" : "left_as_is"), 1, Integer::sum);
            CrashPoints.reached(CrashPoints.MID_ORDER_EXPIRY);
        }
        StockWatch.Run watched = stock.run();
        outcomes.put("stock_checked", watched.checked());
        outcomes.put("stock_low", watched.low());
        outcomes.put("stock_failed", watched.failed());
        return outcomes;
    }

    /** One order's failure is logged and counted; it never keeps the run from the others. */
    private static String safely(String orderId, Supplier<String> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            LOG.errorf("order %s: order-expiry could not handle it: %s", orderId, e.getClass().getSimpleName());
            return "failed";
        }
    }

    private boolean complete(String orderId) {
        Optional<ApiOrder> order = orders.find(orderId).filter(found -> found.status() == OrderStatus.ACTIVE);
        return order.isPresent() && completion.complete(order.get()).status() == OrderStatus.COMPLETED;
    }

    private boolean expire(String orderId, Instant now) {
        Optional<ApiOrder> waiting = orders.find(orderId)
                .filter(order -> order.status() == OrderStatus.PENDING_PAYMENT);
        if (waiting.isEmpty()) {
            return false;
        }
        ApiOrder order = waiting.get();
        boolean failed = payments.forOrder(orderId).map(Payment::failedAtProvider).orElse(false);
        String reason = failed ? ApiOrder.PAYMENT_FAILURE : ApiOrder.PAYMENT_EXPIRED;
        OrderEvent event = OrderEvent.of(Times.api(now), "expired", OrderStatus.CANCELLED,
                (failed ? "its payment failed; " : "") + "no payment by " + order.paymentExpiresAt());
        ApiOrder cancelled = order.moved(OrderStatus.CANCELLED, reason, null, order.lines(), event);
        boolean expired = orders.expire(new ApiOrderStore.Move(cancelled, OrderStatus.PENDING_PAYMENT, event,
                Map.of(ApiOrderItems.CANCEL_REASON, Attrs.s(reason)), null), now);
        if (expired) {
            LOG.infof("order %s: payment window closed, cancelled (%s)", orderId, reason);
            Metrics.count(Metric.ORDERS_EXPIRED);
        }
        return expired;
    }
}
