package cc.marix.reseller.account;

import java.util.Locale;
import java.util.Optional;

/** Currencies a balance is kept in, with the decimal places amounts in them may have. */
public enum BalanceCurrency {
    RUB(2),
    USD(2),
    USDT(6);

    private final int scale;

    BalanceCurrency(int scale) {
        this.scale = scale;
    }

    public int scale() {
        return scale;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BalanceCurrency> fromWire(String text) {
        for (BalanceCurrency currency : values()) {
            if (currency.wire().equals(text)) {
                return Optional.of(currency);
            }
        }
        return Optional.empty();
    }
}
