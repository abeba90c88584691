package cc.marix.reseller.catalog;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import cc.marix.reseller.support.Ids;

/**
 * What an {@code *_id_or_slug} parameter may be: a UUID (any case; ids are stored lower-case) or a slug as the admin
 * import accepts them. Anything else cannot name an entry, so it is answered without a read.
 */
public final class CatalogRefs {

    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    static final int MAX_SLUG = 100;

    private CatalogRefs() {
    }

    public static Optional<String> asId(String ref) {
        return Ids.isUuid(ref) ? Optional.of(ref.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** A UUID is slug-shaped too, so a slug that looks like an id is still found (after the id lookup misses). */
    public static boolean isSlug(String ref) {
        return ref != null && ref.length() <= MAX_SLUG && SLUG.matcher(ref).matches();
    }
}
