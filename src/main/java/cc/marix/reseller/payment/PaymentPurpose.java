package cc.marix.reseller.payment;

import java.util.Locale;

/** What a payment is for: a crypto or fiat top-up of the balance, or one API order. */
public enum PaymentPurpose {
    CRYPTO_TOPUP("crypto"),
    FIAT_TOPUP("fiat"),
    ORDER("order");

    private final String wire;

    PaymentPurpose(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean topUp() {
        return this != ORDER;
    }

    public static PaymentPurpose fromWire(String text) {
        for (PaymentPurpose purpose : values()) {
            if (purpose.wire.equals(text)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("unknown payment purpose " + text.toUpperCase(Locale.ROOT));
    }
}
