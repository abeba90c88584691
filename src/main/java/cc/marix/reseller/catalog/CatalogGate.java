package cc.marix.reseller.catalog;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.account.Authenticator;
import cc.marix.reseller.api.ClientPreferences;
import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.Prices;
import cc.marix.reseller.pricing.RateStore;

/**
 * What every catalog route does first, in the API's order: the key (401/403), then {@code x-language} and
 * {@code x-currency} (422); the answer is how the route shows the catalog (ru and rub when the headers are absent).
 */
@ApplicationScoped
public class CatalogGate {

    private final Authenticator authenticator;
    private final RateStore rates;

    public CatalogGate(Authenticator authenticator, RateStore rates) {
        this.authenticator = authenticator;
        this.rates = rates;
    }

    public Presentation enter(String authorization, String language, String currency) {
        authenticator.userId(authorization);
        ClientPreferences preferences = ClientPreferences.of(language, currency);
        PriceCurrency shownIn = preferences.currency() == null ? PriceCurrency.DEFAULT
                : PriceCurrency.fromWire(preferences.currency()).orElseThrow();
        return new Presentation(preferences.language() == null ? Localized.DEFAULT_LANGUAGE : preferences.language(),
                new Prices(shownIn, rates));
    }
}
