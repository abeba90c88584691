package cc.marix.reseller.payment;

import java.util.Locale;

/**
 * Our status of a payment, as the top-up routes show it. {@code pending} until the provider's final word; a payment
 * that arrives after {@code expired} is still credited ({@code completed}): money received is never dropped.
 */
public enum PaymentStatus {
    PENDING,
    COMPLETED,
    FAILED,
    EXPIRED,
    REFUNDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a provider's "paid" may still complete it. */
    public boolean payable() {
        return this == PENDING || this == EXPIRED || this == FAILED;
    }

    public static PaymentStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
