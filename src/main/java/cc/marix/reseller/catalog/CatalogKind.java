package cc.marix.reseller.catalog;

/** The two kinds of catalog entries; each has items {@code <KIND>#<id> / <KIND>} and slug records. */
public enum CatalogKind {
    CATEGORY,
    PRODUCT;

    String pk(String id) {
        return name() + "#" + id;
    }

    String sk() {
        return name();
    }

    String slugPk(String slug) {
        return "SLUG#" + name() + "#" + slug;
    }
}
