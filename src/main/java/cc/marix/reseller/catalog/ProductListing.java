package cc.marix.reseller.catalog;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.stock.StockCounters;

/**
 * {@code GET /api/products/}: a category's products in slug order, {@code limit} from {@code offset}, with the
 * {@code total} that match. The category's products are read whole (one Query, paged by DynamoDB only past 1 MB), as
 * the total needs them; stock is read for the page only, or for all of them when {@code withStockOnly} filters by it.
 */
@ApplicationScoped
public class ProductListing {

    private final CatalogReader reader;
    private final StockCounters counters;

    public ProductListing(CatalogReader reader, StockCounters counters) {
        this.reader = reader;
        this.counters = counters;
    }

    public ProductPage page(String categoryRef, boolean withStockOnly, int limit, int offset, Presentation shown) {
        Category category = reader.category(categoryRef).orElseThrow(
                () -> ApiException.notFound("category_not_found", "no category has this id or slug"));
        List<Product> products = reader.products(category.id());
        Map<String, Long> available = Map.of();
        List<Product> matching = products;
        if (withStockOnly && !products.isEmpty()) {
            available = counters.available(products.stream().map(Product::id).toList());
            Map<String, Long> stock = available;
            matching = products.stream().filter(product -> stock.getOrDefault(product.id(), 0L) > 0).toList();
        }
        int from = Math.min(offset, matching.size());
        List<Product> page = matching.subList(from, Math.min(matching.size(), from + limit));
        if (!withStockOnly && !page.isEmpty()) {
            available = counters.available(page.stream().map(Product::id).toList());
        }
        Map<String, Long> stock = available;
        List<ProductView> items = page.stream()
                .map(product -> ProductView.of(product, stock.getOrDefault(product.id(), 0L), shown)).toList();
        return new ProductPage(items, limit, offset, matching.size());
    }
}
