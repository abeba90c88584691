package cc.marix.reseller.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;

/**
 * {@code GET /api/categories/}: categories in slug order, a page at a time. The filters are applied as the index is
 * read, and reading goes on until the page has one entry more than asked for, so {@code nextCursor} is null exactly
 * on the last page (no empty last page). The cursor names the last slug shown; the next page starts after it, so a
 * walk sees every category once even while others are added.
 */
@ApplicationScoped
public class CategoryListing {

    /** Categories read per Query when a tag or parent filter may drop many of them. */
    static final int FILTERED_BATCH = 100;

    /** The listing's parameters; {@code afterSlug} null for the first page. */
    public record Request(String tag, String parentRef, boolean withStockOnly, int limit, String afterSlug) {
    }

    private final CatalogCache cache;
    private final CategoryStats stats;

    public CategoryListing(CatalogCache cache, CategoryStats stats) {
        this.cache = cache;
        this.stats = stats;
    }

    public CategoryPage page(Request request, Presentation shown) {
        CatalogSnapshot catalog = cache.current();
        String parentId = request.parentRef() == null ? null : catalog.category(request.parentRef())
                .map(Category::id)
                .orElseThrow(() -> ApiException.notFound("category_not_found", "no category has this id or slug"));
        boolean filtered = request.tag() != null || parentId != null;
        int wanted = request.limit() + 1;
        List<Category> chosen = new ArrayList<>();
        Map<String, CategoryStats.Stats> figures = new HashMap<>();
        Deque<Category> pending = new ArrayDeque<>();
        String readAfter = request.afterSlug();
        boolean more = true;
        while (chosen.size() < wanted && (more || !pending.isEmpty())) {
            if (pending.isEmpty()) {
                int batchSize = filtered ? Math.max(wanted - chosen.size(), FILTERED_BATCH) : wanted - chosen.size();
                CatalogReader.CategoryBatch batch = catalog.categoriesAfter(readAfter, batchSize);
                more = batch.more() && !batch.categories().isEmpty();
                if (!batch.categories().isEmpty()) {
                    readAfter = batch.categories().get(batch.categories().size() - 1).slug();
                }
                batch.categories().stream().filter(category -> matches(category, request.tag(), parentId))
                        .forEach(pending::add);
                continue;
            }
            List<Category> group = new ArrayList<>();
            while (!pending.isEmpty() && group.size() < wanted - chosen.size()) {
                group.add(pending.poll());
            }
            if (request.withStockOnly()) {
                // the figures are the filter here, so they are read before the page is complete
                Map<String, CategoryStats.Stats> groupFigures = stats.of(catalog, group, shown.prices());
                figures.putAll(groupFigures);
                group.removeIf(category -> groupFigures.get(category.id()).inStockCount() == 0);
            }
            chosen.addAll(group);
        }
        boolean hasNext = chosen.size() > request.limit();
        List<Category> page = hasNext ? chosen.subList(0, request.limit()) : chosen;
        if (!request.withStockOnly()) {
            figures.putAll(stats.of(catalog, page, shown.prices()));
        }
        List<CategoryView> items = page.stream()
                .map(category -> CategoryView.of(category, figures.get(category.id()), shown, false)).toList();
        String nextCursor = hasNext ? CategoryCursor.after(page.get(page.size() - 1).slug()) : null;
        return new CategoryPage(items, request.limit(), nextCursor);
    }

    private static boolean matches(Category category, String tag, String parentId) {
        if (tag != null && (category.tags() == null || !category.tags().contains(tag))) {
            return false;
        }
        return parentId == null || parentId.equals(category.parentId());
    }
}
