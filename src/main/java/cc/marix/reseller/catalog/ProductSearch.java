package cc.marix.reseller.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.stock.StockCounters;

/**
 * {@code GET /api/products/search}. There is no search index: the candidates are read by Query (one category's
 * products, or every category's) and ranked in memory ({@link SearchRank}), so a search costs one Query per
 * category and reads the whole catalog when no category is given. That is fine for catalogs of a few thousand
 * products; a larger one needs a search service or a denormalized search item. Stock is read only for the matches
 * shown (and, with {@code withStockOnly}, for as many more as it takes to fill the page).
 */
@ApplicationScoped
public class ProductSearch {

    /** Matches whose counters are read per round when {@code withStockOnly} drops some (4 BatchGetItem calls). */
    static final int STOCK_ROUND = 48;

    private final CatalogReader reader;
    private final StockCounters counters;

    public ProductSearch(CatalogReader reader, StockCounters counters) {
        this.reader = reader;
        this.counters = counters;
    }

    public List<ProductView> search(String query, String categoryRef, boolean withStockOnly, int limit,
            Presentation shown) {
        List<Product> candidates = new ArrayList<>();
        if (categoryRef != null) {
            Category category = reader.category(categoryRef).orElseThrow(
                    () -> ApiException.notFound("category_not_found", "no category has this id or slug"));
            candidates.addAll(reader.products(category.id()));
        } else {
            reader.categoryIds().forEach(categoryId -> candidates.addAll(reader.products(categoryId)));
        }
        List<Product> ranked = SearchRank.rank(candidates, query, shown.language());
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
