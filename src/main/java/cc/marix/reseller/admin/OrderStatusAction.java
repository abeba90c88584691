package cc.marix.reseller.admin;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code orderStatus {orderId | partner + externalOrderId}}: the order's state, delivery steps and every event. */
@ApplicationScoped
public class OrderStatusAction implements AdminAction {

    private final OrderLookup lookup;

    public OrderStatusAction(OrderLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public String name() {
        return "orderStatus";
    }

    @Override
    public Object run(JsonNode event) {
        return OrderView.of(lookup.find(event));
    }
}
