package cc.marix.reseller.catalog;

import java.math.BigDecimal;
import java.util.Map;

import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.Prices;

/** How one answer shows the catalog: texts in {@code language} (falling back to ru), prices through {@code prices}. */
public record Presentation(String language, Prices prices) {

    /** The price of a product in this answer's currency. */
    String price(Product product) {
        return Prices.text(amount(product));
    }

    /** The price as this answer shows it (converted, 2 places): what price filters and sorting compare. */
    BigDecimal amount(Product product) {
        return prices.convert(product.price(), PriceCurrency.ofStored(product.currency()));
    }

    String text(Map<String, String> texts) {
        return Localized.pick(texts, language);
    }
}
