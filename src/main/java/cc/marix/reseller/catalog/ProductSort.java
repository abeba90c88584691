package cc.marix.reseller.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cc.marix.reseller.catalog.CatalogReader.ListedProduct;

/**
 * The products list's {@code sort}: by the name the answer shows ({@code name}), by the price it shows, up
 * ({@code price}) or down ({@code -price}), or newest first ({@code newest}: by when a product was first imported;
 * those imported before that was kept come last). Ties, and the list without {@code sort}, in slug order.
 */
public enum ProductSort {
    NAME("name"),
    PRICE("price"),
    PRICE_DESCENDING("-price"),
    NEWEST("newest");

    private static final Comparator<ListedProduct> BY_SLUG = Comparator.comparing(listed -> listed.product().slug());

    private final String wire;

    ProductSort(String wire) {
        this.wire = wire;
    }

    public static List<String> wires() {
        return List.of(values()).stream().map(sort -> sort.wire).toList();
    }

    public static Optional<ProductSort> fromWire(String text) {
        return List.of(values()).stream().filter(sort -> sort.wire.equals(text)).findFirst();
    }

    Comparator<ListedProduct> order(Presentation shown) {
        Comparator<ListedProduct> first = switch (this) {
            case NAME -> Comparator.comparing(listed -> sortable(shown.text(listed.product().name())),
                    Comparator.nullsLast(Comparator.naturalOrder()));
            case PRICE -> Comparator.comparing(listed -> shown.amount(listed.product()));
            case PRICE_DESCENDING -> Comparator.comparing((ListedProduct listed) -> shown.amount(listed.product()))
                    .reversed();
            case NEWEST -> Comparator.comparing(ListedProduct::createdAt,
                    Comparator.nullsLast(Comparator.<String>reverseOrder()));
        };
        return first.thenComparing(BY_SLUG);
    }

    /** Case-insensitive in every script, with ё as е (as the search reads names), so Ёлка sorts among the Е. */
    private static String sortable(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }
}
