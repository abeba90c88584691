package cc.marix.reseller.catalog;

import static cc.marix.reseller.testing.Catalogs.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.local.LambdaInvocationException;
import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.store.FaultInjector;
import cc.marix.reseller.store.FaultKind;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The warm container's catalog snapshot ({@link CatalogCache}) through the HTTP front: a warm read reads no catalog
 * item, a change is seen by the very next read, and imports racing each other and the reads lose nothing.
 */
@QuarkusTest
class CatalogCacheTest {

    /** More than the SDK's attempts at one call (DynamoDB's retry strategy: up to 9 attempts). */
    private static final int SDK_ATTEMPTS = 20;

    @Inject
    TestClock clock;

    private String key;
    private String shelf;
    private String token;

    @BeforeEach
    void catalog() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        key = Catalogs.apiKey();
        shelf = Fixtures.unique("cache").toLowerCase();
        token = Catalogs.cyrillicToken();
        ObjectNode event = Catalogs.importEvent();
        Catalogs.category(event, shelf, "Полка", "Shelf");
        Catalogs.load(event);
    }

    @Test
    void priceChange_shouldBeSeenByTheNextList_andTheNextSearch() {
        importProduct(shelf + "-a", "100.00");
        assertEquals("100.00", listedPrice());
        assertEquals("100.00", foundPrice());

        importProduct(shelf + "-a", "150.00");
        assertEquals("150.00", listedPrice());
        assertEquals("150.00", foundPrice());
    }

    @Test
    void warmReads_shouldReadOnlyTheVersion_andTheStock() {
        importProduct(shelf + "-a", "100.00");
        list();
        Map<String, Long> calls = calls(this::list);
        assertEquals(null, calls.get("Query"), calls.toString());
        assertEquals(1L, calls.get("GetItem"), "the catalog's version only (the key is cached): " + calls);
        calls = calls(() -> as(key).queryParam("query", token).get("/api/products/search").then().statusCode(200));
        assertEquals(null, calls.get("Query"), calls.toString());
    }

    @Test
    void everyCatalogRoute_shouldLoadTheCatalogItself_afterAChange() {
        // in AWS each route is its own function with its own snapshot (and its own grants: DynamoGrantsAudit)
        importProduct(shelf + "-a", "100.00");
        for (Runnable route : List.<Runnable>of(
                () -> as(key).get("/api/categories/").then().statusCode(200),
                () -> as(key).get("/api/categories/" + shelf).then().statusCode(200),
                this::list,
                () -> as(key).queryParam("query", token).get("/api/products/search").then().statusCode(200))) {
            importProduct(shelf + "-a", "100.00");
            assertTrue(calls(route).getOrDefault("Query", 0L) > 0, "the first read after a change loads the catalog");
            assertEquals(null, calls(route).get("Query"), "the next one does not");
        }
    }

    @Test
    void snapshotLoadedBeforeTheIndexSettled_shouldBeReadOnceMore_afterIt() {
        importProduct(shelf + "-a", "100.00");
        list();
        assertEquals(null, calls(this::list).get("Query"), "within the settle time the snapshot is kept");
        clock.advance(CatalogCache.SETTLE);
        assertTrue(calls(this::list).get("Query") > 0, "read once more after it");
        assertEquals(null, calls(this::list).get("Query"), "and kept from then on");
    }

    @Test
    void snapshot_shouldBeReadAgain_afterItsMaxAge_evenWithoutAChange() {
        importProduct(shelf + "-a", "100.00");
        clock.advance(CatalogCache.SETTLE);
        list();
        assertEquals(null, calls(this::list).get("Query"));
        clock.advance(CatalogCache.MAX_AGE);
        assertTrue(calls(this::list).get("Query") > 0);
    }

    @Test
    void importFailingPartWay_shouldStillMoveTheVersion_soTheNextListShowsItsEarlierWrites() {
        importProduct(shelf + "-a", "100.00");
        clock.advance(CatalogCache.SETTLE);
        list();
        ObjectNode event = Catalogs.importEvent();
        Catalogs.product(event, shelf + "-a", shelf, token + " ру", token + " en", "150.00", "rub");
        Catalogs.product(event, shelf + "-b", shelf, token + " ру", token + " en", "10.00", "rub");
        // the first product's transaction commits; every attempt of the second one's fails
        FaultInjector.scriptAfter(1, FaultKind.ERROR, "TransactWriteItems", SDK_ATTEMPTS);
        try {
            // the admin function fails the invocation (503: DynamoDB unavailable), as a throttled import would
            assertThrows(LambdaInvocationException.class, () -> Fixtures.admin(event));
        } finally {
            FaultInjector.clearScript();
        }
        assertEquals("150.00", listedPrice(), "the write made before the failure is seen by the next read");
        assertEquals(1, total());
    }

    @Test
    void racingImports_andReads_shouldLoseNothing_andNoReaderShouldSeeTheListShrink() throws Exception {
        int importers = 2;
        int each = 8;
        int readers = 3;
        ExecutorService pool = Executors.newFixedThreadPool(importers + readers);
        AtomicBoolean importing = new AtomicBoolean(true);
        try {
            List<Future<?>> imports = new ArrayList<>();
            for (int i = 0; i < importers; i++) {
                String prefix = shelf + "-i" + i;
                imports.add(pool.submit(() -> {
                    for (int n = 0; n < each; n++) {
                        importProduct(prefix + "-" + n, "10.00");
                    }
                }));
            }
            List<Future<List<Integer>>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(pool.submit(() -> {
                    List<Integer> totals = new ArrayList<>();
                    while (importing.get()) {
                        totals.add(total());
                    }
                    return totals;
                }));
            }
            for (Future<?> done : imports) {
                done.get(120, TimeUnit.SECONDS);
            }
            importing.set(false);
            for (Future<List<Integer>> read : reads) {
                List<Integer> totals = read.get(60, TimeUnit.SECONDS);
                for (int i = 1; i < totals.size(); i++) {
                    assertTrue(totals.get(i) >= totals.get(i - 1), "a reader saw the list shrink: " + totals);
                }
            }
        } finally {
            importing.set(false);
            pool.shutdownNow();
        }
        assertEquals(importers * each, total(), "the next read after the imports shows every product");
    }

    private void importProduct(String slug, String price) {
        ObjectNode event = Catalogs.importEvent();
        Catalogs.product(event, slug, shelf, token + " ру", token + " en", price, "rub");
        Catalogs.load(event);
    }

    private void list() {
        as(key).queryParam("category_id_or_slug", shelf).get("/api/products/").then().statusCode(200);
    }

    private int total() {
        return as(key).queryParam("category_id_or_slug", shelf).queryParam("limit", 100).get("/api/products/")
                .then().statusCode(200).extract().path("total");
    }

    private String listedPrice() {
        return as(key).queryParam("category_id_or_slug", shelf).get("/api/products/").then().statusCode(200)
                .extract().path("items[0].price");
    }

    private String foundPrice() {
        return as(key).queryParam("query", token).get("/api/products/search").then().statusCode(200)
                .extract().path("[0].price");
    }

    private static Map<String, Long> calls(Runnable request) {
        Map<String, Long> before = DynamoCallCounter.snapshot();
        request.run();
        Map<String, Long> delta = new TreeMap<>();
        DynamoCallCounter.snapshot().forEach((operation, count) -> {
            long change = count - before.getOrDefault(operation, 0L);
            if (change > 0) {
                delta.put(operation, change);
            }
        });
        return delta;
    }
}
