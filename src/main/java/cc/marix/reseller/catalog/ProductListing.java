package cc.marix.reseller.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * follows the products the stock watch counts in stock (within a watch run of the live stock) rather than every
 * product's counters; the page's quantities stay live. In slug order without price bounds, the page is the first
 * {@code offset + limit} in-stock markers ({@link InStockCounts#firstBySlug}) and the total the category's count: the
 * cost grows with {@code offset + limit}, not with the category. With price bounds or a sort, the filter needs every
 * marker of the category ({@link InStockCounts#productsOf}).
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
        if (request.withStockOnly() && request.priceMin() == null && request.priceMax() == null
                && request.sort() == null) {
            Optional<ProductPage> bySlug = inStockBySlug(catalog, category, request, shown);
            if (bySlug.isPresent()) {
                return bySlug.get();
            }
        }
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

    /**
     * The in-stock page from the markers in slug order, the products from the snapshot. A marker of a product the
     * snapshot does not list in this category (moved or deleted since the watch looked) is passed over; the total, as
     * the category list's, never exceeds the products listed. Empty when the category still has markers of the old
     * form, which the full read then answers for.
     */
    private Optional<ProductPage> inStockBySlug(CatalogSnapshot catalog, Category category, Request request,
            Presentation shown) {
        int listed = catalog.listed(category.id()).size();
        if (listed == 0) {
            return Optional.of(new ProductPage(List.of(), request.limit(), request.offset(), 0));
        }
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) request.offset() + request.limit());
        Optional<List<String>> first = inStock.firstBySlug(category.id(), wanted);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        List<Product> stocked = first.get().stream()
                .flatMap(productId -> catalog.product(category.id(), productId).stream()).toList();
        List<Product> page = stocked.subList(Math.min(request.offset(), stocked.size()), stocked.size());
        InStockCounts.PageStock stock = inStock.pageStock(category.id(), page.stream().map(Product::id).toList());
        List<ProductView> items = page.stream().map(product -> ProductView.of(product,
                stock.available().getOrDefault(product.id(), 0L), shown)).toList();
        return Optional.of(new ProductPage(items, request.limit(), request.offset(),
                (int) Math.min(listed, stock.inStock())));
    }

    private static boolean withinPrice(BigDecimal price, Request request) {
        return (request.priceMin() == null || price.compareTo(request.priceMin()) >= 0)
                && (request.priceMax() == null || price.compareTo(request.priceMax()) <= 0);
    }
}
