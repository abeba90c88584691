package cc.marix.reseller.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When a held snapshot may answer, and how it pages categories: plain logic, no DynamoDB. */
class CatalogSnapshotTest {

    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final Instant CHANGED = Instant.parse("2026-11-30T10:00:00Z");
    private static final CatalogVersion.Stamp V7 = new CatalogVersion.Stamp(7, CHANGED);

    @Test
    void serves_shouldHoldForItsVersion_untilTheMaxAge() {
        Instant loaded = CHANGED.plusSeconds(60);
        CatalogSnapshot snapshot = snapshot(V7, loaded);
        assertTrue(snapshot.serves(V7, loaded, SETTLE, MAX_AGE));
        assertTrue(snapshot.serves(V7, loaded.plus(MAX_AGE).minusMillis(1), SETTLE, MAX_AGE));
        assertFalse(snapshot.serves(V7, loaded.plus(MAX_AGE), SETTLE, MAX_AGE));
    }

    @Test
    void serves_shouldStop_whenTheVersionMoves() {
        CatalogSnapshot snapshot = snapshot(V7, CHANGED.plusSeconds(60));
        assertFalse(snapshot.serves(new CatalogVersion.Stamp(8, CHANGED.plusSeconds(61)), CHANGED.plusSeconds(61),
                SETTLE, MAX_AGE));
    }

    @Test
    void serves_shouldBeReadOnceMore_whenLoadedBeforeTheIndexHadSettled() {
        CatalogSnapshot early = snapshot(V7, CHANGED.plusSeconds(1));
        assertTrue(early.serves(V7, CHANGED.plusSeconds(4), SETTLE, MAX_AGE));
        assertFalse(early.serves(V7, CHANGED.plus(SETTLE), SETTLE, MAX_AGE));
        CatalogSnapshot settled = snapshot(V7, CHANGED.plus(SETTLE));
        assertTrue(settled.serves(V7, CHANGED.plusSeconds(30), SETTLE, MAX_AGE));
    }

    @Test
    void categoriesAfter_shouldPageInSlugOrder_fromAnySlug() {
        CatalogSnapshot snapshot = new CatalogSnapshot(V7, CHANGED, List.of(category("a"), category("b"),
                category("c")), Map.of());
        assertEquals(List.of("a", "b"), slugs(snapshot.categoriesAfter(null, 2)));
        assertTrue(snapshot.categoriesAfter(null, 2).more());
        assertEquals(List.of("c"), slugs(snapshot.categoriesAfter("b", 2)));
        assertFalse(snapshot.categoriesAfter("b", 2).more());
        assertEquals(List.of("c"), slugs(snapshot.categoriesAfter("bb", 5)));
        assertEquals(List.of(), slugs(snapshot.categoriesAfter("c", 5)));
    }

    @Test
    void category_shouldBeFoundByIdInAnyCase_orBySlug() {
        Category b = category("b");
        CatalogSnapshot snapshot = new CatalogSnapshot(V7, CHANGED, List.of(b), Map.of());
        assertEquals(Optional.of(b), snapshot.category(b.id().toUpperCase()));
        assertEquals(Optional.of(b), snapshot.category("b"));
        assertEquals(Optional.empty(), snapshot.category("c"));
        assertEquals(Optional.empty(), snapshot.category("Not a slug"));
    }

    private static CatalogSnapshot snapshot(CatalogVersion.Stamp stamp, Instant loadedAt) {
        return new CatalogSnapshot(stamp, loadedAt, List.of(), Map.of());
    }

    private static Category category(String slug) {
        String id = "0190f3c4-0000-7000-8000-00000000000" + (slug.charAt(0) - 'a');
        return new Category(id, slug, null, Map.of("en", slug), null, null, null, null, null);
    }

    private static List<String> slugs(CatalogReader.CategoryBatch batch) {
        return batch.categories().stream().map(Category::slug).toList();
    }
}
