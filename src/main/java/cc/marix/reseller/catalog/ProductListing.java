package cc.marix.reseller.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.catalog.CatalogReader.ListedProduct;
import cc.marix.reseller.stock.InStockCounts;
import cc.marix.reseller.stock.StockCounters;

/**
 * {@code GET /api/products/}: a category's products, filtered by the price the answer shows and by stock, sorted
 * (slug order without {@code sort}), {@code limit} from {@code offset}, with the {@code total} that match. The
 * category's products come whole from the container's catalog snapshot ({@link CatalogCache}), as the total needs
 * them; the price filters and the sorting work on those; stock is read for the page only. {@code withStockOnly}
 * filters by the products the stock watch counts in stock ({@link InStockCounts#productsOf}: one Query of small
 * markers, within a watch run of the live stock) rather than by every product's counters; the page's quantities stay
 * live.
 */
@ApplicationScoped
public class ProductListing {

    /** The list's parameters; a null bound or sort is none. */
    public record Request(String categoryRef, boolean withStockOnly, BigDecimal priceMin, BigDecimal priceMax,
            ProductSort sort, int limit, int offset) {
    }

    private final CatalogCache cache;
    private final StockCounters counters;
    private final InStockCounts inStock;

    public ProductListing(CatalogCache cache, StockCounters counters, InStockCounts inStock) {
        this.cache = cache;
        this.counters = counters;
        this.inStock = inStock;
    }

    public ProductPage page(Request request, Presentation shown) {
        CatalogSnapshot catalog = cache.current();
        Category category = catalog.category(request.categoryRef()).orElseThrow(
                () -> ApiException.notFound("category_not_found", "no category has this id or slug"));
        List<ListedProduct> matching = catalog.listed(category.id()).stream()
                .filter(listed -> withinPrice(shown.amount(listed.product()), request)).toList();
        if (request.sort() != null) {
            matching = matching.stream().sorted(request.sort().order(shown)).toList();
        }
        if (request.withStockOnly() && !matching.isEmpty()) {
            Set<String> stocked = inStock.productsOf(category.id());
            matching = matching.stream().filter(listed -> stocked.contains(listed.product().id())).toList();
        }
        int from = Math.min(request.offset(), matching.size());
        List<Product> page = matching.subList(from, Math.min(matching.size(), from + request.limit())).stream()
                .map(ListedProduct::product).toList();
        Map<String, Long> stock = page.isEmpty() ? Map.of()
                : counters.available(page.stream().map(Product::id).toList());
        List<ProductView> items = page.stream()
                .map(product -> ProductView.of(product, stock.getOrDefault(product.id(), 0L), shown)).toList();
        return new ProductPage(items, request.limit(), request.offset(), matching.size());
    }

    private static boolean withinPrice(BigDecimal price, Request request) {
        return (request.priceMin() == null || price.compareTo(request.priceMin()) >= 0)
                && (request.priceMax() == null || price.compareTo(request.priceMax()) <= 0);
    }
}
