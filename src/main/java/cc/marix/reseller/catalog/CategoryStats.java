package cc.marix.reseller.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.Prices;
import cc.marix.reseller.stock.StockCounters;

/**
 * A category's figures, from its own products (not its sub-categories'): their prices from the catalog snapshot,
 * then the counters of all those products together, about 12 products per BatchGetItem.
 */
@ApplicationScoped
public class CategoryStats {

    /** {@code bestOfferPrice} is already in the answer's currency; null when the category has no products. */
    public record Stats(boolean hasProducts, int inStockCount, BigDecimal bestOfferPrice) {
    }

    private final StockCounters counters;

    public CategoryStats(StockCounters counters) {
        this.counters = counters;
    }

    /** Figures per category id, from the products {@code catalog} holds and their live counters. */
    Map<String, Stats> of(CatalogSnapshot catalog, List<Category> categories, Prices prices) {
        Map<String, List<CatalogReader.PricedProduct>> productsByCategory = new HashMap<>();
        List<String> productIds = new ArrayList<>();
        for (Category category : categories) {
            List<CatalogReader.PricedProduct> products = catalog.prices(category.id());
            productsByCategory.put(category.id(), products);
            products.forEach(product -> productIds.add(product.id()));
        }
        Map<String, Long> available = productIds.isEmpty() ? Map.of() : counters.available(productIds);
        Map<String, Stats> stats = new HashMap<>();
        productsByCategory.forEach((categoryId, products) -> {
            int inStock = 0;
            BigDecimal best = null;
            for (CatalogReader.PricedProduct product : products) {
                inStock += available.getOrDefault(product.id(), 0L) > 0 ? 1 : 0;
                BigDecimal price = prices.convert(product.price(), PriceCurrency.ofStored(product.currency()));
                best = best == null || price.compareTo(best) < 0 ? price : best;
            }
            stats.put(categoryId, new Stats(!products.isEmpty(), inStock, best));
        });
        return stats;
    }
}
