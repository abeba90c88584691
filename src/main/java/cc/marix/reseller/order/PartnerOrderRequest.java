package cc.marix.reseller.order;

import java.math.BigDecimal;

/** A verified, validated partner notification, with the fingerprint of the exact body it came in. */
public record PartnerOrderRequest(
        String partner,
        String eventId,
        String bodyHash,
        String externalOrderId,
        String productId,
        int quantity,
        BigDecimal amount,
        String currency) {
}
