package cc.marix.reseller.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

import cc.marix.reseller.api.ApiException;

/**
 * Shows prices in one currency, for one request. A conversion multiplies by the stored rate from -> to, or, when only
 * the opposite rate is stored, by 1 / that rate (DECIMAL64, 16 significant digits); the result is rounded half-even
 * to 2 places. Rates are read on the first conversion that needs them and kept for the rest of the request, so one
 * answer never mixes two rates.
 */
public final class Prices {

    public static final int SCALE = 2;
    static final int RATE_RETRY_AFTER_SECONDS = 60;

    private final PriceCurrency currency;
    private final RateSource rates;
    private final Map<PriceCurrency, BigDecimal> factors = new EnumMap<>(PriceCurrency.class);

    public Prices(PriceCurrency currency, RateSource rates) {
        this.currency = currency;
        this.rates = rates;
    }

    /** The currency every price of this answer is in. */
    public PriceCurrency currency() {
        return currency;
    }

    /** The amount, given in {@code from}, in this answer's currency. */
    public BigDecimal convert(BigDecimal amount, PriceCurrency from) {
        if (from == currency) {
            return amount.setScale(SCALE, RoundingMode.HALF_EVEN);
        }
        return amount.multiply(factor(from)).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /** What 1 {@code from} is worth in this answer's currency, unrounded (1 for the same currency). */
    public BigDecimal factor(PriceCurrency from) {
        return from == currency ? BigDecimal.ONE : factors.computeIfAbsent(from, this::factorFrom);
    }

    /** The decimal string the API shows: always 2 places ({@code "4990.00"}). */
    public static String text(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    private BigDecimal factorFrom(PriceCurrency from) {
        RatePair pair = rates.pair(from, currency);
        if (pair.direct().isPresent()) {
            return pair.direct().get();
        }
        if (pair.inverse().isPresent()) {
            return BigDecimal.ONE.divide(pair.inverse().get(), MathContext.DECIMAL64);
        }
        // a configuration gap, not the client's fault: it can retry once an operator has set the rate
        throw ApiException.unavailable("rate_unavailable", "no exchange rate between " + from.wire() + " and "
                + currency.wire() + " is set; retry later or ask without x-currency", RATE_RETRY_AFTER_SECONDS);
    }
}
