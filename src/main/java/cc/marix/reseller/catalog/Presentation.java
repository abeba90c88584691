package cc.marix.reseller.catalog;

import java.util.Map;

import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.Prices;

/** How one answer shows the catalog: texts in {@code language} (falling back to ru), prices through {@code prices}. */
public record Presentation(String language, Prices prices) {

    /** The price of a product in this answer's currency. */
    String price(Product product) {
        return Prices.text(prices.convert(product.price(), PriceCurrency.ofStored(product.currency())));
    }

    String text(Map<String, String> texts) {
        return Localized.pick(texts, language);
    }
}
