package cc.marix.reseller.checkout;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.RateStore;

/**
 * What 1 of each top-up currency is worth in one balance currency: the fiat currencies ({@code rub}, {@code usd}),
 * then the assets of the enabled chains (an asset on two chains once). Each at 1 for the currency itself
 * ({@code identity}), else the stored rate ({@code stored}) or 1 / the opposite one ({@code stored_inverse}), as
 * {@code Prices} and fiat top-ups convert, else the exchanger's latest quote for a crypto top-up of it into that
 * currency ({@code exchanger}: what the last such top-up locked; a new one gets a fresh quote). A currency with none
 * of these is left out.
 */
@ApplicationScoped
public class TopupRates {

    static final String IDENTITY = "identity";
    static final String STORED = "stored";
    static final String STORED_INVERSE = "stored_inverse";
    static final String EXCHANGER = "exchanger";

    private final RateStore rates;
    private final List<String> currencies;

    public TopupRates(RateStore rates, AppConfig config) {
        this.rates = rates;
        Set<String> topUps = new LinkedHashSet<>();
        for (PriceCurrency fiat : PriceCurrency.values()) {
            topUps.add(fiat.wire());
        }
        config.payments().exchanger().chains().stream().filter(AppConfig.Payments.Exchanger.Chain::enabled)
                .forEach(chain -> chain.assets().forEach(asset -> topUps.add(asset.id())));
        this.currencies = List.copyOf(topUps);
    }

    public TopupViews.Rates to(BalanceCurrency balance) {
        String to = balance.wire();
        RateStore.Known known = rates.known(currencies, to);
        List<TopupViews.Rate> list = new ArrayList<>();
        for (String from : currencies) {
            if (from.equals(to)) {
                list.add(new TopupViews.Rate(from, to, "1", IDENTITY));
            } else if (known.direct().containsKey(from)) {
                list.add(new TopupViews.Rate(from, to, TopupViews.rate(known.direct().get(from)), STORED));
            } else if (known.inverse().containsKey(from)) {
                BigDecimal inverse = BigDecimal.ONE.divide(known.inverse().get(from), MathContext.DECIMAL64);
                list.add(new TopupViews.Rate(from, to, TopupViews.rate(inverse), STORED_INVERSE));
            } else if (known.quotes().containsKey(from)) {
                list.add(new TopupViews.Rate(from, to, TopupViews.rate(known.quotes().get(from).rate()), EXCHANGER));
            }
        }
        return new TopupViews.Rates(to, list);
    }
}
