package cc.marix.reseller.catalog;

/**
 * The catalog's gsi1 partitions: every category under {@code CATEGORIES}, a category's products under
 * {@code CATEGORY_PRODUCTS#<categoryId>}; both sorted by slug, which is what listings page through.
 */
final class CatalogIndex {

    static final String CATEGORIES = "CATEGORIES";
    static final String CATEGORY_PRODUCTS = "CATEGORY_PRODUCTS#";

    private CatalogIndex() {
    }

    static String productsOf(String categoryId) {
        return CATEGORY_PRODUCTS + categoryId;
    }
}
