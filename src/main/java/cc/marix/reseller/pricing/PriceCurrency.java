package cc.marix.reseller.pricing;

import java.util.Locale;
import java.util.Optional;

/** Currencies catalog prices are kept and shown in (the seed's {@code x-currency}). */
public enum PriceCurrency {
    RUB,
    USD;

    /** What prices are shown in when the client sends no {@code x-currency}: the store's own currency. */
    public static final PriceCurrency DEFAULT = RUB;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PriceCurrency> fromWire(String text) {
        for (PriceCurrency currency : values()) {
            if (currency.wire().equals(text)) {
                return Optional.of(currency);
            }
        }
        return Optional.empty();
    }

    /** The currency of a stored price: the import accepts rub and usd only, and rub when none is given. */
    public static PriceCurrency ofStored(String stored) {
        return fromWire(stored).orElse(DEFAULT);
    }
}
