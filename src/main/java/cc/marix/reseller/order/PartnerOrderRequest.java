package cc.marix.reseller.order;

import java.math.BigDecimal;

/**
 * A verified, validated partner notification, with the fingerprint of the exact body it came in and the API user the
 * partner is linked to (null when none).
 */
public record PartnerOrderRequest(
        String partner,
        String userId,
        String eventId,
        String bodyHash,
        String externalOrderId,
        String productId,
        int quantity,
        BigDecimal amount,
        String currency,
        String deliveryMode,
        String customerEmail,
        String callbackUrl,
        String language) {

    public boolean byEmail() {
        return Order.DELIVERY_EMAIL.equals(deliveryMode);
    }

    /** Never print the customer's address or the callback URL in a log line. */
    @Override
    public String toString() {
        return "PartnerOrderRequest[" + partner + ", " + externalOrderId + ", " + deliveryMode + "]";
    }
}
