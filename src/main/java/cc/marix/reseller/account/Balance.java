package cc.marix.reseller.account;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's balance: decimal strings, at the currency's scale. */
@RegisterForReflection
public record Balance(String currency, String available, String reserved, String pending) {

    static Balance of(BalanceCurrency currency, BigDecimal available, BigDecimal reserved, BigDecimal pending) {
        return new Balance(currency.wire(), text(available, currency), text(reserved, currency),
                text(pending, currency));
    }

    private static String text(BigDecimal amount, BalanceCurrency currency) {
        return amount.setScale(currency.scale(), RoundingMode.UNNECESSARY).toPlainString();
    }
}
