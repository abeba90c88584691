package cc.marix.reseller.checkout;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.RatePair;
import cc.marix.reseller.pricing.RateStore;

/**
 * The rates a fiat top-up converts with, expressed in one currency: 1 for the currency itself ({@code identity}),
 * the stored rate ({@code stored}) or 1 / the opposite one ({@code stored_inverse}), as {@code Prices} converts. A
 * currency with no rate either way is left out. Crypto top-ups get their rate from the exchanger per quote.
 */
@ApplicationScoped
public class TopupRates {

    private final RateStore rates;

    public TopupRates(RateStore rates) {
        this.rates = rates;
    }

    public TopupViews.Rates to(PriceCurrency to) {
        List<TopupViews.Rate> list = new ArrayList<>();
        for (PriceCurrency from : PriceCurrency.values()) {
            if (from == to) {
                list.add(new TopupViews.Rate(from.wire(), to.wire(), "1", "identity"));
                continue;
            }
            RatePair pair = rates.pair(from, to);
            if (pair.direct().isPresent()) {
                list.add(new TopupViews.Rate(from.wire(), to.wire(), TopupViews.rate(pair.direct().get()), "stored"));
            } else if (pair.inverse().isPresent()) {
                BigDecimal inverse = BigDecimal.ONE.divide(pair.inverse().get(), MathContext.DECIMAL64);
                list.add(new TopupViews.Rate(from.wire(), to.wire(), TopupViews.rate(inverse), "stored_inverse"));
            }
        }
        return new TopupViews.Rates(to.wire(), list);
    }
}
