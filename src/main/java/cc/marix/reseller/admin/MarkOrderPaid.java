package cc.marix.reseller.admin;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.apiorder.OrderPayments;
import cc.marix.reseller.support.Ids;

/**
 * {@code markOrderPaid {orderId, reference}}: an operator confirms that the full price of an API order was paid
 * outside any connected provider (a bank transfer, say). {@code reference} names that payment; it is applied once,
 * however often the event is sent. A waiting order is paid and delivered; one already cancelled (or paid) keeps its
 * state and the amount goes to the user's available balance.
 */
@ApplicationScoped
public class MarkOrderPaid implements AdminAction {

    static final int MAX_REFERENCE = 200;

    private final OrderPayments payments;

    public MarkOrderPaid(OrderPayments payments) {
        this.payments = payments;
    }

    @Override
    public String name() {
        return "markOrderPaid";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String orderId = fields.text(event, "orderId", true, 36);
        if (orderId != null && !Ids.isUuid(orderId)) {
            fields.add(Violation.of("Input should be a valid UUID", "uuid_parsing", "orderId"));
        }
        String reference = fields.text(event, "reference", true, MAX_REFERENCE);
        fields.check();
        return payments.settle(orderId.toLowerCase(Locale.ROOT), "admin:" + reference);
    }
}
