package cc.marix.reseller.admin;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.order.Order;
import cc.marix.reseller.order.OrderStore;

/** Finds the order an admin event names: {@code orderId}, or {@code partner} with {@code externalOrderId}. */
@ApplicationScoped
public class OrderLookup {

    private final OrderStore orders;

    public OrderLookup(OrderStore orders) {
        this.orders = orders;
    }

    public Order find(JsonNode event) {
        JsonFields fields = new JsonFields();
        String orderId = fields.text(event, "orderId", false, 36);
        String partner = fields.text(event, "partner", false, AdminInput.MAX_SLUG);
        String externalOrderId = fields.text(event, "externalOrderId", false, 128);
        if (orderId == null && (partner == null || externalOrderId == null)) {
            fields.add(Violation.of("Give orderId, or partner and externalOrderId", "missing", "orderId"));
        }
        fields.check();
        String id = orderId != null ? orderId
                : orders.findByExternalId(partner, externalOrderId)
                        .orElseThrow(() -> ApiException.notFound("unknown_order", "no such order"));
        return orders.find(id).orElseThrow(() -> ApiException.notFound("unknown_order", "no order " + id));
    }
}
