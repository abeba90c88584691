package cc.marix.reseller.admin;

import java.time.Clock;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.delivery.DeliveryWorker;
import cc.marix.reseller.order.Order;
import cc.marix.reseller.order.OrderStore;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code replayCallback {orderId | partner + externalOrderId}}: sends a parked (or refused) delivery again, now. A
 * step already done is not repeated: an e-mail accepted by the mail server is not sent twice, and an acknowledged
 * callback is not sent again.
 */
@ApplicationScoped
public class ReplayCallback implements AdminAction {

    private final OrderLookup lookup;
    private final OrderStore orders;
    private final DeliveryWorker worker;
    private final Clock clock;

    public ReplayCallback(OrderLookup lookup, OrderStore orders, DeliveryWorker worker, Clock clock) {
        this.lookup = lookup;
        this.orders = orders;
        this.worker = worker;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "replayCallback";
    }

    @Override
    public Object run(JsonNode event) {
        Order order = lookup.find(event);
        if (!order.byEmail()) {
            throw new ApiException(409, "no_callback", "order " + order.orderId() + " was delivered in the response");
        }
        orders.rearm(order.orderId(), clock.instant());
        DeliveryWorker.Outcome outcome = worker.deliver(order.orderId());
        Order after = orders.find(order.orderId()).orElseThrow();
        return new Replayed(outcome.name().toLowerCase(Locale.ROOT), OrderView.of(after));
    }

    @RegisterForReflection
    public record Replayed(String outcome, OrderView order) {
    }
}
