package cc.marix.reseller.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cc.marix.reseller.catalog.CatalogReader.CategoryBatch;
import cc.marix.reseller.catalog.CatalogReader.ListedProduct;
import cc.marix.reseller.catalog.CatalogReader.PricedProduct;

/**
 * The whole catalog without its stock, as one catalog version held it: categories in slug order, each category's
 * products in slug order, and every product's texts folded for the search. Immutable; {@link CatalogCache} keeps one
 * per warm container and replaces it when the version moves. Stock is never in here: it changes with every sale
 * and is read from the counters by each request.
 */
final class CatalogSnapshot {

    private final CatalogVersion.Stamp stamp;
    private final Instant loadedAt;
    private final List<Category> categories;
    private final List<String> categorySlugs;
    private final Map<String, Category> categoriesById = new HashMap<>();
    private final Map<String, Category> categoriesBySlug = new HashMap<>();
    private final Map<String, List<ListedProduct>> productsByCategory;
    private final Map<String, Product> productsById = new HashMap<>();
    private final Map<String, List<SearchRank.Folded>> foldedByCategory = new HashMap<>();
    private final List<SearchRank.Folded> folded = new ArrayList<>();

    /** {@code products}: per category id, its products in slug order; {@code categories} in slug order. */
    CatalogSnapshot(CatalogVersion.Stamp stamp, Instant loadedAt, List<Category> categories,
            Map<String, List<ListedProduct>> products) {
        this.stamp = stamp;
        this.loadedAt = loadedAt;
        this.categories = List.copyOf(categories);
        this.categorySlugs = categories.stream().map(Category::slug).toList();
        this.productsByCategory = Map.copyOf(products);
        for (Category category : categories) {
            categoriesById.put(category.id(), category);
            categoriesBySlug.put(category.slug(), category);
            List<SearchRank.Folded> ofCategory = products.getOrDefault(category.id(), List.of()).stream()
                    .map(listed -> SearchRank.Folded.of(listed.product())).toList();
            foldedByCategory.put(category.id(), ofCategory);
            products.getOrDefault(category.id(), List.of())
                    .forEach(listed -> productsById.put(listed.product().id(), listed.product()));
            folded.addAll(ofCategory);
        }
    }

    CatalogVersion.Stamp stamp() {
        return stamp;
    }

    /**
     * Whether this snapshot may answer a request made at {@code now} while the catalog is at {@code current}: the same
     * version, not older than {@code maxAge}, and not loaded within {@code settle} of the change once that has
     * passed (the products come from gsi1, which trails the table by a moment: such a snapshot is read once more).
     */
    boolean serves(CatalogVersion.Stamp current, Instant now, Duration settle, Duration maxAge) {
        if (current.version() != stamp.version() || !now.isBefore(loadedAt.plus(maxAge))) {
            return false;
        }
        Instant settled = current.changedAt().plus(settle);
        return !loadedAt.isBefore(settled) || now.isBefore(settled);
    }

    /** The category named by id or slug. */
    Optional<Category> category(String ref) {
        Optional<Category> byId = CatalogRefs.asId(ref).map(categoriesById::get);
        if (byId.isPresent() || !CatalogRefs.isSlug(ref)) {
            return byId;
        }
        return Optional.ofNullable(categoriesBySlug.get(ref));
    }

    /** Up to {@code max} categories whose slug sorts after {@code afterSlug} (from the first when null). */
    CategoryBatch categoriesAfter(String afterSlug, int max) {
        int from = 0;
        if (afterSlug != null) {
            int at = Collections.binarySearch(categorySlugs, afterSlug);
            from = at >= 0 ? at + 1 : -at - 1;
        }
        int to = Math.min(categories.size(), from + max);
        return new CategoryBatch(categories.subList(from, to), to < categories.size());
    }

    /** The category's products in slug order, each with when it was first imported. */
    List<ListedProduct> listed(String categoryId) {
        return productsByCategory.getOrDefault(categoryId, List.of());
    }

    /** The product of this id, if this category lists it. */
    Optional<Product> product(String categoryId, String productId) {
        return Optional.ofNullable(productsById.get(productId))
                .filter(product -> product.categoryId().equals(categoryId));
    }

    /** The category's products' ids and prices. */
    List<PricedProduct> prices(String categoryId) {
        return listed(categoryId).stream().map(listed -> new PricedProduct(listed.product().id(),
                listed.product().price(), listed.product().currency())).toList();
    }

    /** The category's products, texts folded for the search. */
    List<SearchRank.Folded> searchable(String categoryId) {
        return foldedByCategory.getOrDefault(categoryId, List.of());
    }

    /** Every product, texts folded for the search (categories in slug order, then products in slug order). */
    List<SearchRank.Folded> searchable() {
        return folded;
    }
}
