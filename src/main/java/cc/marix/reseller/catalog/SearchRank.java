package cc.marix.reseller.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The search's ranking: products whose name starts with the query, then those whose name contains it, then those
 * whose description contains it; within a tier by shown name, then slug. Every language's text is searched (a
 * Cyrillic query finds a product shown in English), and texts are compared folded: NFKC, lower case in every
 * script, {@code ё} as {@code е}, runs of white space as one space.
 */
final class SearchRank {

    static final int NAME_PREFIX = 0;
    static final int NAME_SUBSTRING = 1;
    static final int DESCRIPTION_SUBSTRING = 2;
    static final int NO_MATCH = Integer.MAX_VALUE;

    private record Ranked(Product product, int tier, String shownName) {
    }

    /**
     * A product with its texts folded once, when the catalog snapshot is loaded ({@link CatalogSnapshot}), so a
     * search compares the query with ready texts instead of folding the whole catalog again.
     */
    record Folded(Product product, Map<String, String> names, List<String> descriptions) {

        static Folded of(Product product) {
            Map<String, String> names = new LinkedHashMap<>();
            if (product.name() != null) {
                product.name().forEach((language, name) -> names.put(language, fold(name)));
            }
            List<String> descriptions = new ArrayList<>();
            texts(product.description()).forEach(description -> descriptions.add(fold(description)));
            return new Folded(product, names, descriptions);
        }
    }

    private SearchRank() {
    }

    /** The matching products, best first; the others are left out. */
    static List<Product> rank(List<Product> products, String query, String language) {
        return rankFolded(products.stream().map(Folded::of).toList(), query, language);
    }

    /** As {@link #rank}, over texts folded in advance. */
    static List<Product> rankFolded(List<Folded> products, String query, String language) {
        String folded = fold(query);
        List<Ranked> ranked = new ArrayList<>();
        for (Folded product : products) {
            int tier = tier(product, folded);
            if (tier != NO_MATCH) {
                String name = Localized.pick(product.names(), language);
                ranked.add(new Ranked(product.product(), tier, name == null ? "" : name));
            }
        }
        ranked.sort(Comparator.comparingInt(Ranked::tier).thenComparing(Ranked::shownName)
                .thenComparing(entry -> entry.product().slug()));
        return ranked.stream().map(Ranked::product).toList();
    }

    static int tier(Folded product, String foldedQuery) {
        int best = NO_MATCH;
        for (String folded : product.names().values()) {
            if (folded.startsWith(foldedQuery)) {
                return NAME_PREFIX;
            }
            if (folded.contains(foldedQuery)) {
                best = NAME_SUBSTRING;
            }
        }
        if (best != NO_MATCH) {
            return best;
        }
        for (String description : product.descriptions()) {
            if (description.contains(foldedQuery)) {
                return DESCRIPTION_SUBSTRING;
            }
        }
        return NO_MATCH;
    }

    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('ё', 'е')
                .replaceAll("\\s+", " ").trim();
    }

    private static Iterable<String> texts(Map<String, String> texts) {
        return texts == null ? List.of() : texts.values();
    }
}
