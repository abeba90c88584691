package cc.marix.reseller.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.Prices;
import cc.marix.reseller.stock.InStockCounts;

/**
 * A category's figures, from its own products (not its sub-categories'): their prices from the catalog snapshot, and
 * how many are in stock from the count the stock watch keeps per category ({@link InStockCounts}: one BatchGetItem for
 * up to 100 categories, whatever their products; it follows the stock within one watch run). Reading every product's
 * counters instead cost 800 BatchGetItems for a category of 10,000 products.
 */
@ApplicationScoped
public class CategoryStats {

    /** {@code bestOfferPrice} is already in the answer's currency; null when the category has no products. */
    public record Stats(boolean hasProducts, int inStockCount, BigDecimal bestOfferPrice) {
    }

    private final InStockCounts inStock;

    public CategoryStats(InStockCounts inStock) {
        this.inStock = inStock;
    }

    /** Figures per category id, from the products {@code catalog} holds and the categories' in-stock counts. */
    Map<String, Stats> of(CatalogSnapshot catalog, List<Category> categories, Prices prices) {
        Map<String, List<CatalogReader.PricedProduct>> productsByCategory = new HashMap<>();
        List<String> withProducts = new ArrayList<>();
        for (Category category : categories) {
            List<CatalogReader.PricedProduct> products = catalog.prices(category.id());
            productsByCategory.put(category.id(), products);
            if (!products.isEmpty()) {
                withProducts.add(category.id());
            }
        }
        // a category without products has nothing to count, so it is not asked for
        Map<String, Long> counts = withProducts.isEmpty() ? Map.of() : inStock.of(withProducts);
        Map<String, Stats> stats = new HashMap<>();
        productsByCategory.forEach((categoryId, products) -> {
            BigDecimal best = null;
            for (CatalogReader.PricedProduct product : products) {
                BigDecimal price = prices.convert(product.price(), PriceCurrency.ofStored(product.currency()));
                best = best == null || price.compareTo(best) < 0 ? price : best;
            }
            // the count follows the watch, the snapshot the catalog: never more products in stock than it holds
            int count = (int) Math.min(products.size(), counts.getOrDefault(categoryId, 0L));
            stats.put(categoryId, new Stats(!products.isEmpty(), count, best));
        });
        return stats;
    }
}
