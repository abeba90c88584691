package cc.marix.reseller.stock;

import static cc.marix.reseller.testing.Catalogs.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.FaultInjector;
import cc.marix.reseller.store.FaultKind;
import cc.marix.reseller.store.FaultSpec;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The per-category in-stock count and the in-stock markers the stock watch keeps (order-expiry's run), end to end:
 * stock through the admin function, sales through the partner webhook and API orders, category moves through
 * importCatalog, and the answers of the category and product lists. After every
 * step the count item must equal the products of the category with live stock, which the test reads itself.
 */
@QuarkusTest
class InStockCountTest {

    private static final String TRANSACT = "TransactWriteItems";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    StockWatch watch;

    private String key;
    private String prefix;
    private final List<String> products = new ArrayList<>();

    @BeforeEach
    void shelves() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        key = Catalogs.apiKey();
        prefix = Fixtures.unique("tally");
        ObjectNode event = Catalogs.importEvent();
        Catalogs.category(event, prefix + "-root", "Корень", "Root");
        Catalogs.category(event, prefix + "-a", "А", "A").put("parentId", prefix + "-root");
        Catalogs.category(event, prefix + "-b", "Б", "B").put("parentId", prefix + "-root");
        for (int p = 0; p < 4; p++) {
            Catalogs.product(event, slug(p), prefix + "-a", "Товар " + p, "Product " + p, "10.00", "rub");
        }
        JsonNode imported = Catalogs.load(event);
        products.clear();
        for (int p = 0; p < 4; p++) {
            products.add(Catalogs.id(imported, "products", slug(p)));
        }
        // only this test's products filed from here on, so a scripted fault meets the watch's calls for them
        Catalogs.watchStock();
    }

    @AfterEach
    void unscript() {
        FaultInjector.clearScript();
    }

    @Test
    void theCount_shouldFollowCodesImportedAndSold_afterAWatchRun_andNotBefore() {
        Catalogs.stock(products.get(0), 2);
        Catalogs.stock(products.get(1), 1);
        Catalogs.stock(products.get(2), 3);

        assertEquals(0, count("a"), "not counted until the watch looked");
        Catalogs.watchStock();
        assertCounted("a", 3);
        assertEquals(0, count("b"));
        categoryShows("a", 3);
        listedInStock("a", List.of(0, 1, 2));

        TestPartner partner = Fixtures.partner(products.toArray(String[]::new));
        sell(partner, products.get(1), 1);
        sell(partner, products.get(0), 1);
        Catalogs.watchStock();

        assertCounted("a", 2);
        categoryShows("a", 2);
        listedInStock("a", List.of(0, 2));
        as(key).queryParam("category_id_or_slug", prefix + "-a").queryParam("withStockOnly", "true")
                .get("/api/products/").then().statusCode(200).body("items.quantity", equalTo(List.of(1, 3)));
    }

    @Test
    void withStockOnly_shouldDropCategoriesWithoutStock_onceTheWatchLooked() {
        Catalogs.stock(products.get(3), 1);
        as(key).queryParam("withStockOnly", "true").queryParam("parent_id_or_slug", prefix + "-root")
                .get("/api/categories/").then().statusCode(200).body("items", equalTo(List.of()));
        Catalogs.watchStock();

        as(key).queryParam("withStockOnly", "true").queryParam("parent_id_or_slug", prefix + "-root")
                .get("/api/categories/").then().statusCode(200)
                .body("items.slug", equalTo(List.of(prefix + "-a")))
                .body("items[0].inStockCount", equalTo(1));
        as(key).queryParam("parent_id_or_slug", prefix + "-root").get("/api/categories/").then().statusCode(200)
                .body("items.slug", equalTo(List.of(prefix + "-a", prefix + "-b")))
                .body("items.inStockCount", equalTo(List.of(1, 0)));
    }

    @Test
    void aCategoryMove_shouldMoveTheCount_andAMoveBackMoveItBack() {
        Catalogs.stock(products.get(0), 1);
        Catalogs.stock(products.get(1), 1);
        Catalogs.watchStock();
        assertCounted("a", 2);

        move(0, "b");
        assertEquals(2, count("a"), "the move is counted once the watch looked");
        Catalogs.watchStock();

        assertCounted("a", 1);
        assertCounted("b", 1);
        categoryShows("b", 1);
        as(key).queryParam("category_id_or_slug", prefix + "-b").queryParam("withStockOnly", "true")
                .get("/api/products/").then().statusCode(200).body("total", equalTo(1))
                .body("items.slug", equalTo(List.of(slug(0))));

        // moved twice before the watch looks: the second import keeps the first one's filing
        move(1, "b");
        move(1, "a");
        move(0, "a");
        Catalogs.watchStock();

        assertCounted("a", 2);
        assertCounted("b", 0);
    }

    /** Codes only leave the stock by a claim (pending orders hold none) and come back by an import. */
    @Test
    void anApiOrdersClaim_andARestock_shouldTakeTheProductOutAndBackIn() {
        Catalogs.stock(products.get(0), 1);
        Catalogs.watchStock();
        assertCounted("a", 1);
        Buyer buyer = Orders.buyer("100.00");
        JsonNode order = Json.parse(Orders.post(buyer, Orders.body(products.get(0), 1, null)).then().statusCode(200)
                .extract().asString());
        assertEquals("completed", order.path("status").asText(), order.toString());

        Catalogs.watchStock();
        assertCounted("a", 0);
        categoryShows("a", 0);
        Catalogs.stock(products.get(0), 2);
        Catalogs.watchStock();

        assertCounted("a", 1);
        categoryShows("a", 1);
    }

    @Test
    void stockFromBeforeTheCounts_shouldBeCountedOnceFiledByTheAdmin_andFilingAgainChangeNothing() {
        Catalogs.stock(products.get(0), 1);
        Catalogs.stock(products.get(1), 2);
        Catalogs.watchStock();
        // as a table from before the counts: stock, but no marker and no count
        delete(StockItems.inStockMarkerKey(products.get(0)));
        delete(StockItems.inStockMarkerKey(products.get(1)));
        delete(StockItems.countKey(categoryId("a")));
        Catalogs.watchStock();
        assertEquals(0, count("a"), "nothing filed, nothing counted");

        JsonNode filed = fileStockWatch(prefix + "-a");
        assertEquals(categoryId("a"), filed.path("categoryId").asText(), filed.toString());
        assertEquals(4, filed.path("filed").asInt(), filed.toString());
        Catalogs.watchStock();
        assertCounted("a", 2);

        assertEquals(4, fileStockWatch(categoryId("a")).path("filed").asInt());
        Catalogs.watchStock();
        assertCounted("a", 2);
        assertEquals("unknown_category", fileStockWatch(prefix + "-none").path("error").asText());
        assertEquals("missing", Fixtures.admin(Json.object().put("action", "fileStockWatch"))
                .path("detail").path(0).path("type").asText());
    }

    @Test
    void aWatchRunWhoseTransactionFails_shouldLeaveTheProductFiledAndUncounted_andTheNextRunCountItOnce() {
        Catalogs.stock(products.get(0), 1);
        // every attempt of the watch's transaction fails (the SDK retries each): nothing of the look is written
        FaultInjector.script(FaultKind.ERROR, TRANSACT, 1_000);
        JsonNode failed = Json.parse(TestStack.invoke(Catalogs.EXPIRY));
        FaultInjector.clearScript();

        assertTrue(failed.path("stock_failed").asInt() >= 1, failed.toString());
        assertEquals(0, count("a"), "counted only with the take-off");
        assertTrue(filed(products.get(0)), "still filed for the next run");
        Catalogs.watchStock();

        assertCounted("a", 1);
        assertTrue(!filed(products.get(0)));
    }

    /**
     * Two overlapping runs (order-expiry has no lease): run A looks at the product in stock, a sale takes its last
     * codes and files it again, run B looks (sold out, no marker: nothing to move) and takes it off the watch, then A
     * writes its stale look. A is cancelled: the product is not counted, and a restock racing the same way is counted.
     */
    @Test
    void aRunSettlingAStaleLook_afterAnotherRunTookTheProductOff_shouldBeCancelled() {
        String productId = products.get(0);
        Catalogs.stock(productId, 2);
        TestPartner partner = Fixtures.partner(productId);

        List<Map<String, AttributeValue>> filedForA = watch.filed().get(productId);
        StockWatch.Level lookA = watch.level(productId);
        sell(partner, productId, 2);
        List<Map<String, AttributeValue>> filedForB = watch.filed().get(productId);
        StockWatch.Level lookB = watch.level(productId);
        assertTrue(watch.settle(productId, lookB, filedForB), "B saw the sale: marker absent as seen, taken off");
        assertTrue(!filed(productId));

        assertFalse(watch.settle(productId, lookA, filedForA), "A's look is stale");
        assertCounted("a", 0);

        // the mirror case: A looks at the counted product sold out, a restock files it again, B looks (in stock,
        // counted: nothing to move) and takes it off the watch, then A writes its stale take-out of the count
        Catalogs.stock(productId, 1);
        Catalogs.watchStock();
        sell(partner, productId, 1);
        filedForA = watch.filed().get(productId);
        lookA = watch.level(productId);
        Catalogs.stock(productId, 1);
        filedForB = watch.filed().get(productId);
        lookB = watch.level(productId);
        assertTrue(watch.settle(productId, lookB, filedForB), "B saw the restock: marker as seen, taken off");
        assertTrue(!filed(productId));

        assertFalse(watch.settle(productId, lookA, filedForA), "A's look is stale");
        assertCounted("a", 1);
    }

    /**
     * A filing (fileStockWatch's write) between importCatalog's read of a product and its Put (the import's transaction
     * held back by an injected latency): the Put, conditional on the filing as read, is refused rather than dropping the filing.
     */
    @Test
    void aFilingBetweenAnImportsReadAndItsPut_shouldMakeItChangedConcurrently_andStayFiled() throws Exception {
        String productId = products.get(0);
        ObjectNode event = Catalogs.importEvent();
        Catalogs.product(event, slug(0), prefix + "-a", "Товар 0", "Product 0", "10.00", "rub");
        String held = "latency " + TRANSACT;
        long before = FaultInjector.counts().getOrDefault(held, 0L);
        FaultInjector.install(FaultSpec.parse("latency=0:3s,seed=1"));
        FaultInjector.script(FaultKind.LATENCY, TRANSACT, 1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<JsonNode> imported = pool.submit(() -> Fixtures.admin(event));
            // the import has read the product and its transaction is held back
            while (FaultInjector.counts().getOrDefault(held, 0L) == before) {
                Thread.sleep(20);
            }
            // fileStockWatch's write, made here: the admin function serves one invocation at a time
            dynamo.updateItem(UpdateItemRequest.builder().tableName(config.table().name())
                    .key(StockItems.productKey(productId))
                    .updateExpression("SET #watch = :watch, #mark = :mark")
                    .expressionAttributeNames(Map.of("#watch", TableSchema.GSI2_PK, "#mark", TableSchema.GSI2_SK))
                    .expressionAttributeValues(Map.of(":watch", Attrs.s(StockItems.WATCH),
                            ":mark", Attrs.s(UUID.randomUUID().toString())))
                    .build());

            JsonNode answer = imported.get(60, TimeUnit.SECONDS);
            assertEquals("changed_concurrently", answer.path("products").path(0).path("result").asText(),
                    answer.toString());
        } finally {
            pool.shutdownNow();
            FaultInjector.install(null);
        }
        assertTrue(filed(productId), "the filing survived the import");
    }

    @Test
    void aTallyCommittedWhoseAnswerIsLost_shouldCountOnce() {
        Catalogs.stock(products.get(0), 1);
        Catalogs.stock(products.get(1), 1);
        long before = FaultInjector.counts().getOrDefault("after-commit " + TRANSACT, 0L);

        // the first attempt commits and fails, so does the SDK's retry (answered from the token), the third answers
        FaultInjector.script(FaultKind.AFTER_COMMIT, TRANSACT, 2);
        Catalogs.watchStock();

        assertEquals(before + 2, FaultInjector.counts().get("after-commit " + TRANSACT));
        assertCounted("a", 2);
    }

    /**
     * Sales on several threads while two watchers run the order-expiry function again and again, concurrently with
     * each other: whatever the interleaving, once it is over and the watch has looked again, the count is exact.
     */
    @Test
    void salesRacingConcurrentWatchRuns_shouldLeaveAnExactCount() throws Exception {
        int[] codes = {4, 6, 8, 5};
        for (int p = 0; p < codes.length; p++) {
            Catalogs.stock(products.get(p), codes[p]);
        }
        TestPartner partner = Fixtures.partner(products.toArray(String[]::new));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicBoolean selling = new AtomicBoolean(true);
        try {
            List<Future<?>> watchers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                watchers.add(pool.submit(() -> {
                    while (selling.get()) {
                        TestStack.invoke(Catalogs.EXPIRY);
                    }
                }));
            }
            List<Future<?>> sellers = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                // two sellers of products 0 and 1, two of 3 and 2, four sales of each: product 0 sells out
                List<String> mine = s % 2 == 0 ? List.of(products.get(0), products.get(1))
                        : List.of(products.get(3), products.get(2));
                sellers.add(pool.submit(() -> {
                    for (int round = 0; round < 2; round++) {
                        mine.forEach(productId -> sell(partner, productId, 1));
                    }
                }));
            }
            for (Future<?> seller : sellers) {
                seller.get(120, TimeUnit.SECONDS);
            }
            selling.set(false);
            for (Future<?> watcher : watchers) {
                watcher.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Catalogs.watchStock();

        assertEquals(0L, Fixtures.stock(products.get(0)).path("available").asLong());
        assertEquals(1L, Fixtures.stock(products.get(3)).path("available").asLong());
        assertCounted("a", 3);
    }

    /**
     * Without price bounds or a sort, {@code withStockOnly} pages through the markers in slug order (slugs here sort
     * against the order the products were created in) and takes the total from the count: every page equals the one
     * the full read (a price bound that keeps everything) gives, through sales, a sell-out and a restock.
     */
    @Test
    void withStockOnlyBySlug_shouldPageAsTheFullRead_forEveryOffsetAndLimit_throughSalesAndRestocks() {
        List<String> shelf = shelfBackwards(7);
        int[] codes = {1, 0, 2, 1, 0, 1, 1};
        for (int p = 0; p < codes.length; p++) {
            if (codes[p] > 0) {
                Catalogs.stock(shelf.get(p), codes[p]);
            }
        }
        Catalogs.watchStock();
        pagesAsTheFullRead(List.of(6, 5, 3, 2, 0));

        TestPartner partner = Fixtures.partner(shelf.toArray(String[]::new));
        sell(partner, shelf.get(3), 1);
        sell(partner, shelf.get(2), 1);
        Catalogs.stock(shelf.get(1), 1);
        Catalogs.watchStock();

        pagesAsTheFullRead(List.of(6, 5, 2, 1, 0));
        assertEquals(StockItems.listKey(backwardSlug(2)), markerKey(shelf.get(2)));
    }

    /** The count, not the markers, gives the total; never more than the category lists, as the category list caps it. */
    @Test
    void withStockOnlyBySlug_shouldTakeItsTotalFromTheCount_cappedByTheProductsListed() {
        List<String> shelf = shelfBackwards(3);
        shelf.forEach(productId -> Catalogs.stock(productId, 1));
        Catalogs.watchStock();

        setCount(categoryId("b"), 2);
        listedBackwards(Map.of(), 3, List.of(2, 1, 0), 2);
        listedBackwards(Map.of("price_min", "0"), 3, List.of(2, 1, 0), 3);
        setCount(categoryId("b"), 99);
        listedBackwards(Map.of(), 3, List.of(2, 1, 0), 3);
    }

    /** A new slug on import files the product, and the watch moves its marker to its new place in slug order. */
    @Test
    void aSlugChangeOnImport_shouldMoveTheMarkerToTheNewSlugsPlace_onceTheWatchLooked() {
        List<String> shelf = shelfBackwards(4);
        shelf.forEach(productId -> Catalogs.stock(productId, 1));
        Catalogs.watchStock();
        pagesAsTheFullRead(List.of(3, 2, 1, 0));

        // the first in slug order becomes the last
        ObjectNode event = Catalogs.importEvent();
        Catalogs.product(event, prefix + "-kzz", prefix + "-b", "Товар", "Product", price(3), "rub")
                .put("id", shelf.get(3));
        Catalogs.load(event);
        assertTrue(filed(shelf.get(3)), "a slug change files the product for the watch");
        Catalogs.watchStock();

        assertEquals(StockItems.listKey(prefix + "-kzz"), markerKey(shelf.get(3)));
        assertCounted(shelf, "b", 4);
        Map<String, String> full = Map.of("price_min", "0");
        for (Map<String, String> bounds : List.of(Map.<String, String>of(), full)) {
            as(key).queryParams(bounds).queryParam("category_id_or_slug", prefix + "-b")
                    .queryParam("withStockOnly", "true").get("/api/products/").then().statusCode(200)
                    .body("total", equalTo(4))
                    .body("items.slug", equalTo(List.of(backwardSlug(2), backwardSlug(1), backwardSlug(0),
                            prefix + "-kzz")));
        }
    }

    /**
     * Markers from before the sort key held the slug (the product id there) sort by id: the list reads the whole
     * category for as long as one is left, and the watch rewrites each it looks at; filing the category rewrites all.
     */
    @Test
    void markersOfTheOldForm_shouldListAsTheFullRead_untilTheWatchRewroteThem() {
        List<String> shelf = shelfBackwards(5);
        shelf.forEach(productId -> Catalogs.stock(productId, 2));
        Catalogs.watchStock();
        String category = categoryId("b");
        shelf.forEach(productId -> oldFormMarker(productId, category));

        pagesAsTheFullRead(List.of(4, 3, 2, 1, 0));
        TestPartner partner = Fixtures.partner(shelf.toArray(String[]::new));
        sell(partner, shelf.get(4), 1);
        Catalogs.watchStock();
        assertEquals(StockItems.listKey(backwardSlug(4)), markerKey(shelf.get(4)), "rewritten when looked at");
        assertEquals(shelf.get(0), markerKey(shelf.get(0)), "the others not yet");
        pagesAsTheFullRead(List.of(4, 3, 2, 1, 0));

        assertEquals(5, fileStockWatch(prefix + "-b").path("filed").asInt());
        Catalogs.watchStock();

        for (int p = 0; p < shelf.size(); p++) {
            assertEquals(StockItems.listKey(backwardSlug(p)), markerKey(shelf.get(p)));
        }
        assertCounted(shelf, "b", 5);
        pagesAsTheFullRead(List.of(4, 3, 2, 1, 0));
    }

    /** Price bounds and sorts still filter every in-stock product of the category. */
    @Test
    void withStockOnly_withPriceBoundsOrASort_shouldListExactlyTheProductsInStock() {
        List<String> shelf = shelfBackwards(6);
        for (int p : new int[] {0, 1, 3, 4}) {
            Catalogs.stock(shelf.get(p), 1);
        }
        Catalogs.watchStock();

        // prices: product p costs 10 + 7 * (p % 3), so 0 and 3 cost 10.00, 1 and 4 cost 17.00
        listedBackwards(Map.of("price_min", "11"), 10, List.of(4, 1), 2);
        listedBackwards(Map.of("price_max", "10.00"), 10, List.of(3, 0), 2);
        listedBackwards(Map.of("price_max", "9.99"), 10, List.of(), 0);
        listedBackwards(Map.of("sort", "-price"), 10, List.of(4, 1, 3, 0), 4);
        listedBackwards(Map.of("sort", "price", "offset", "1"), 2, List.of(0, 4), 4);
        listedBackwards(Map.of("sort", "price", "price_min", "11", "offset", "1"), 10, List.of(1), 2);
    }

    /** The count item equals the category's products with live stock, and a marker names each of them. */
    private void assertCounted(String category, int expected) {
        assertCounted(products, category, expected);
    }

    private void assertCounted(List<String> among, String category, int expected) {
        String categoryId = categoryId(category);
        int live = 0;
        for (String productId : among) {
            boolean inStock = Fixtures.stock(productId).path("available").asLong() > 0;
            Map<String, AttributeValue> marker = get(StockItems.inStockMarkerKey(productId));
            boolean here = categoryId.equals(Attrs.str(marker, StockItems.CATEGORY_ID));
            boolean belongs = categoryId.equals(productCategory(productId));
            assertEquals(inStock && belongs, here, "marker of " + productId + " under " + category);
            live += inStock && belongs ? 1 : 0;
        }
        assertEquals(expected, live, "products of " + category + " in stock");
        assertEquals(expected, count(category), "count of " + category);
    }

    /**
     * Imports {@code count} products into category b, one import each, so product p is created after product p - 1
     * while its slug ({@link #backwardSlug}) sorts before: slug order is the reverse of the ids' order.
     */
    private List<String> shelfBackwards(int count) {
        List<String> shelf = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            ObjectNode event = Catalogs.importEvent();
            Catalogs.product(event, backwardSlug(p), prefix + "-b", "Товар " + p, "Product " + p, price(p), "rub");
            shelf.add(Catalogs.id(Catalogs.load(event), "products", backwardSlug(p)));
        }
        return shelf;
    }

    private String backwardSlug(int product) {
        return prefix + "-k" + (char) ('z' - product);
    }

    private static String price(int product) {
        return new BigDecimal(10 + 7 * (product % 3)).setScale(2).toPlainString();
    }

    /**
     * Category b's in-stock list ({@code inSlugOrder}: shelf indexes) for every offset and several limits, paged by
     * slug and read whole (a price bound that keeps everything): the same pages, the same quantities, the same total.
     */
    private void pagesAsTheFullRead(List<Integer> inSlugOrder) {
        List<String> slugs = inSlugOrder.stream().map(this::backwardSlug).toList();
        for (int limit : new int[] {1, 2, 100}) {
            for (int offset = 0; offset <= slugs.size(); offset++) {
                List<String> expected = slugs.subList(offset, Math.min(slugs.size(), offset + limit));
                JsonNode bySlug = inStockPage(Map.of(), limit, offset);
                JsonNode full = inStockPage(Map.of("price_min", "0"), limit, offset);
                String at = "limit " + limit + ", offset " + offset;
                assertEquals(expected, slugsOf(bySlug), at + ": " + bySlug);
                assertEquals(full.path("items"), bySlug.path("items"), at);
                assertEquals(slugs.size(), bySlug.path("total").asInt(), at);
                assertEquals(slugs.size(), full.path("total").asInt(), at);
            }
        }
    }

    private void listedBackwards(Map<String, String> params, int limit, List<Integer> shown, int total) {
        JsonNode page = inStockPage(params, limit, -1);
        assertEquals(shown.stream().map(this::backwardSlug).toList(), slugsOf(page), params + ": " + page);
        assertEquals(total, page.path("total").asInt(), params + ": " + page);
    }

    /** A {@code withStockOnly} page of category b; offset -1: none given (or given in {@code params}). */
    private JsonNode inStockPage(Map<String, String> params, int limit, int offset) {
        RequestSpecification request = as(key).queryParams(params).queryParam("category_id_or_slug", prefix + "-b")
                .queryParam("withStockOnly", "true").queryParam("limit", limit);
        if (offset >= 0) {
            request.queryParam("offset", offset);
        }
        return Json.parse(request.get("/api/products/").then().statusCode(200).extract().asString());
    }

    private static List<String> slugsOf(JsonNode page) {
        List<String> slugs = new ArrayList<>();
        page.path("items").forEach(item -> slugs.add(item.path("slug").asText()));
        return slugs;
    }

    private String markerKey(String productId) {
        return Attrs.str(get(StockItems.inStockMarkerKey(productId)), TableSchema.GSI1_SK);
    }

    /** The marker as the watch wrote it before its sort key held the slug. */
    private void oldFormMarker(String productId, String categoryId) {
        Map<String, AttributeValue> marker = new HashMap<>(StockItems.inStockMarkerKey(productId));
        marker.put(StockItems.CATEGORY_ID, Attrs.s(categoryId));
        marker.put(TableSchema.GSI1_PK, Attrs.s(StockItems.IN_STOCK_INDEX_PREFIX + categoryId));
        marker.put(TableSchema.GSI1_SK, Attrs.s(productId));
        dynamo.putItem(PutItemRequest.builder().tableName(config.table().name()).item(marker).build());
    }

    private void setCount(String categoryId, long inStock) {
        Map<String, AttributeValue> count = new HashMap<>(StockItems.countKey(categoryId));
        count.put(StockItems.IN_STOCK, Attrs.n(inStock));
        dynamo.putItem(PutItemRequest.builder().tableName(config.table().name()).item(count).build());
    }

    private static JsonNode fileStockWatch(String category) {
        return Fixtures.admin(Json.object().put("action", "fileStockWatch").put("categoryId", category));
    }

    private void delete(Map<String, AttributeValue> itemKey) {
        dynamo.deleteItem(DeleteItemRequest.builder().tableName(config.table().name()).key(itemKey).build());
    }

    private long count(String category) {
        return Attrs.longValue(get(StockItems.countKey(categoryId(category))), StockItems.IN_STOCK, 0);
    }

    private void categoryShows(String category, int inStock) {
        as(key).get("/api/categories/" + prefix + "-" + category).then().statusCode(200)
                .body("inStockCount", equalTo(inStock));
    }

    private void listedInStock(String category, List<Integer> shown) {
        as(key).queryParam("category_id_or_slug", prefix + "-" + category).queryParam("withStockOnly", "true")
                .get("/api/products/").then().statusCode(200).body("total", equalTo(shown.size()))
                .body("items.slug", equalTo(shown.stream().map(this::slug).toList()));
    }

    private void move(int product, String category) {
        ObjectNode event = Catalogs.importEvent();
        Catalogs.product(event, slug(product), prefix + "-" + category, "Товар " + product, "Product " + product,
                "10.00", "rub");
        Catalogs.load(event);
    }

    private boolean filed(String productId) {
        return !dynamo.query(QueryRequest.builder().tableName(config.table().name())
                .keyConditionExpression("pk = :pk")
                .filterExpression("attribute_exists(#watch)")
                .expressionAttributeNames(Map.of("#watch", TableSchema.GSI2_PK))
                .expressionAttributeValues(Map.of(":pk", Attrs.s(StockItems.PRODUCT_PREFIX + productId)))
                .consistentRead(true).build()).items().isEmpty();
    }

    private String categoryId(String category) {
        return as(key).get("/api/categories/" + prefix + "-" + category).then().statusCode(200).extract().path("id");
    }

    private String productCategory(String productId) {
        return Attrs.str(get(StockItems.productKey(productId)), StockItems.CATEGORY_ID);
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> itemKey) {
        return dynamo.getItem(GetItemRequest.builder().tableName(config.table().name()).key(itemKey)
                .consistentRead(true).build()).item();
    }

    private String slug(int product) {
        return prefix + "-" + product;
    }

    private static void sell(TestPartner partner, String productId, int qty) {
        int status = Notifications.send(partner, Notifications.orderPaid(UUID.randomUUID().toString(), productId, qty),
                UUID.randomUUID().toString()).statusCode();
        assertEquals(200, status, "a sync sale of " + qty);
    }
}
