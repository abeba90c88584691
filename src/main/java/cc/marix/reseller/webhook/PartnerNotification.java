package cc.marix.reseller.webhook;

import java.math.BigDecimal;

/** The fields of an {@code order.paid} notification, after validation. */
public record PartnerNotification(
        String event,
        String externalOrderId,
        String productId,
        int qty,
        BigDecimal amount,
        String currency,
        String deliveryMode,
        String customerEmail,
        String callbackUrl,
        String language) {

    public static final String MODE_SYNC = "sync";
    public static final String MODE_EMAIL = "email";
}
