package cc.marix.reseller.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.stock.StockCounters;

/**
 * {@code GET /api/products/search}. There is no search index: the candidates (one category's products, or every
 * product) come from the container's catalog snapshot ({@link CatalogCache}), texts folded in advance, and are ranked
 * in memory ({@link SearchRank}), so a search reads no catalog item while the catalog is unchanged. Stock is read
 * only for the matches shown (and, with {@code withStockOnly}, for as many more as it takes to fill the page).
 */
@ApplicationScoped
public class ProductSearch {

    /** Matches whose counters are read per round when {@code withStockOnly} drops some (4 BatchGetItem calls). */
    static final int STOCK_ROUND = 48;

    private final CatalogCache cache;
    private final StockCounters counters;

    public ProductSearch(CatalogCache cache, StockCounters counters) {
        this.cache = cache;
        this.counters = counters;
    }

    public List<ProductView> search(String query, String categoryRef, boolean withStockOnly, int limit,
            Presentation shown) {
        CatalogSnapshot catalog = cache.current();
        List<SearchRank.Folded> candidates = catalog.searchable();
        if (categoryRef != null) {
            Category category = catalog.category(categoryRef).orElseThrow(
                    () -> ApiException.notFound("category_not_found", "no category has this id or slug"));
            candidates = catalog.searchable(category.id());
        }
        List<Product> ranked = SearchRank.rankFolded(candidates, query, shown.language());
        List<ProductView> found = new ArrayList<>();
        int round = withStockOnly ? Math.max(limit, STOCK_ROUND) : limit;
        for (int start = 0; start < ranked.size() && found.size() < limit; start += round) {
            List<Product> chunk = ranked.subList(start, Math.min(ranked.size(), start + round));
            Map<String, Long> available = counters.available(chunk.stream().map(Product::id).toList());
            for (Product product : chunk) {
                long quantity = available.getOrDefault(product.id(), 0L);
                if (found.size() < limit && (!withStockOnly || quantity > 0)) {
                    found.add(ProductView.of(product, quantity, shown));
                }
            }
        }
        return found;
    }
}
