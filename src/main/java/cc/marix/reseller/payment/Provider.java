package cc.marix.reseller.payment;

import java.util.Locale;
import java.util.Optional;

/** The payment providers: Tribute and the merchant gateway take fiat, the exchanger takes crypto. */
public enum Provider {
    TRIBUTE,
    MERCHANT,
    EXCHANGER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Provider> fromWire(String text) {
        for (Provider provider : values()) {
            if (provider.wire().equals(text)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }
}
