package cc.marix.reseller.stock;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.MetricLines;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Low stock, end to end: admin setLowStockThreshold through the admin function, sales through the partner webhook,
 * and the LowStock metric (Embedded Metric Format on standard output) written by the order-expiry function's stock
 * watch.
 */
@QuarkusTest
class LowStockTest {

    private static final String EXPIRY = "{\"job\": \"order-expiry\"}";
    private static final String LOW_STOCK = "LowStock";
    /** Runs enough for the watch to get through every product the rest of the suite filed meanwhile. */
    private static final int MAX_RUNS = 100;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
    }

    @Test
    void aSaleBelowTheDefaultThreshold_shouldWriteLowStock_onceUntilTheNextChange() {
        Stocked stocked = Fixtures.product(11);
        TestPartner partner = Fixtures.partner(stocked.productId());
        watchAll();

        buy(partner, stocked.productId(), 2);
        List<JsonNode> low = MetricLines.of(MetricLines.during(LowStockTest::watchAll), LOW_STOCK,
                stocked.productId());

        assertEquals(1, low.size(), low.toString());
        JsonNode line = low.get(0);
        assertEquals(1, line.path(LOW_STOCK).asLong());
        assertEquals(9, line.path("Available").asLong());
        assertEquals(10, line.path("Threshold").asLong());
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").path(0);
        assertEquals("Reseller", directive.path("Namespace").asText());
        assertEquals("[[\"ProductId\"],[]]", directive.path("Dimensions").toString());
        assertEquals("[{\"Name\":\"LowStock\",\"Unit\":\"Count\"}]", directive.path("Metrics").toString());
        assertTrue(line.path("_aws").path("Timestamp").asLong() > 0, line.toString());
        assertEquals(List.of(), lowLines(stocked.productId()), "nothing changed since: nothing written again");
    }

    @Test
    void stockAtTheThreshold_shouldNotBeLow_andOneCodeBelowItShould() {
        Stocked stocked = Fixtures.product(12);
        TestPartner partner = Fixtures.partner(stocked.productId());

        buy(partner, stocked.productId(), 2);
        assertEquals(List.of(), lowLines(stocked.productId()), "10 of threshold 10 is not low");
        buy(partner, stocked.productId(), 1);

        assertEquals(9, lowLines(stocked.productId()).get(0).path("Available").asLong());
    }

    @Test
    void aThreshold_shouldBeStoredAndAnswered_andTakeEffectAtTheNextRun_zeroTurningTheAlarmOff() {
        Stocked stocked = Fixtures.product(5);
        JsonNode off = setThreshold(stocked.productId(), 0);

        assertEquals(stocked.productId(), off.path("productId").asText(), off.toString());
        assertEquals(0, off.path("threshold").asInt());
        assertTrue(off.path("updatedAt").asText().endsWith("Z"), off.toString());
        assertEquals(List.of(), lowLines(stocked.productId()), "5 codes, threshold 0");

        setThreshold(stocked.productId(), 6);
        List<JsonNode> low = lowLines(stocked.productId());

        assertEquals(1, low.size(), low.toString());
        assertEquals(5, low.get(0).path("Available").asLong());
        assertEquals(6, low.get(0).path("Threshold").asLong());
    }

    @Test
    void theThreshold_shouldOutliveACatalogReimportOfItsProduct() {
        String slug = Fixtures.unique("reimported");
        String productId = importProduct(slug);
        Fixtures.addCodes(productId, codes(4));
        setThreshold(productId, 3);
        watchAll();

        assertEquals(productId, importProduct(slug), "the import matched the product by its slug");
        Fixtures.addCodes(productId, codes(1));

        assertEquals(List.of(), lowLines(productId), "5 codes, threshold 3 (not the default 10)");
    }

    @Test
    void badThresholds_shouldBe422_andAnUnknownProduct404() {
        String productId = Fixtures.product(0).productId();
        assertEquals("greater_than_equal", violation(setThresholdRaw(productId, -1)));
        assertEquals("less_than_equal", violation(setThresholdRaw(productId, 1_000_001)));
        assertEquals("less_than_equal", violation(setThresholdRaw(productId, Long.MAX_VALUE)));
        assertEquals("int_type", violation(setThresholdRaw(productId, 1.5)));
        assertEquals("int_type", violation(setThresholdRaw(productId, "10")));
        assertEquals("missing", violation(setThresholdRaw(productId, null)));
        assertEquals("missing", violation(Fixtures.admin(Json.object().put("action", "setLowStockThreshold")
                .put("threshold", 5))));
        assertEquals(1_000_000, setThreshold(productId, 1_000_000).path("threshold").asInt());

        String unknown = UUID.randomUUID().toString();
        JsonNode missing = setThresholdRaw(unknown, 5);

        assertEquals("unknown_product", missing.path("error").asText(), missing.toString());
    }

    /**
     * Sales from several threads while the watch runs again and again: whatever the interleaving, once the sales are
     * over the watch's last word on the product is its final stock (a sale that raced a look is never taken off the
     * watch unseen).
     */
    @Test
    void salesRacingTheWatch_shouldLeaveItsLastWordOnTheFinalStock() throws Exception {
        Stocked stocked = Fixtures.product(40);
        TestPartner partner = Fixtures.partner(stocked.productId());
        setThreshold(stocked.productId(), 100);
        List<JsonNode> lines = MetricLines.during(() -> race(partner, stocked.productId()));
        List<JsonNode> low = new ArrayList<>(MetricLines.of(lines, LOW_STOCK, stocked.productId()));
        low.addAll(lowLines(stocked.productId()));

        assertTrue(!low.isEmpty(), "40 codes under a threshold of 100 are low from the start");
        assertEquals(40 - 6 * 2 * 2, low.get(low.size() - 1).path("Available").asLong(), low.toString());
        assertEquals(40 - 6 * 2 * 2, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    private static void race(TestPartner partner, String productId) {
        ExecutorService pool = Executors.newFixedThreadPool(7);
        AtomicBoolean selling = new AtomicBoolean(true);
        try {
            Future<?> watcher = pool.submit(() -> {
                while (selling.get()) {
                    TestStack.invoke(EXPIRY);
                }
            });
            List<Future<?>> sellers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                sellers.add(pool.submit(() -> {
                    buy(partner, productId, 2);
                    buy(partner, productId, 2);
                }));
            }
            for (Future<?> seller : sellers) {
                seller.get(120, TimeUnit.SECONDS);
            }
            selling.set(false);
            watcher.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<JsonNode> lowLines(String productId) {
        return MetricLines.of(MetricLines.during(LowStockTest::watchAll), LOW_STOCK, productId);
    }

    /** Runs the order-expiry function until its stock watch has nothing left to look at. */
    private static void watchAll() {
        for (int run = 0; run < MAX_RUNS; run++) {
            JsonNode outcome = Json.parse(TestStack.invoke(EXPIRY));
            assertEquals(0, outcome.path("stock_failed").asInt(), outcome.toString());
            if (outcome.path("stock_checked").asInt() == 0) {
                return;
            }
        }
        throw new AssertionError("the stock watch still had products to look at after " + MAX_RUNS + " runs");
    }

    private static void buy(TestPartner partner, String productId, int qty) {
        byte[] body = Notifications.bytes(Notifications.orderPaid(UUID.randomUUID().toString(), productId, qty));
        int status = given().contentType("application/json").body(body)
                .header("X-Signature", PartnerSignature.sign(partner.secret(), body))
                .header("X-Event-Id", UUID.randomUUID().toString())
                .when().post(Notifications.path(partner.slug())).statusCode();
        assertEquals(200, status, "a sync sale of " + qty);
    }

    private static JsonNode setThreshold(String productId, int threshold) {
        JsonNode answer = setThresholdRaw(productId, threshold);
        if (answer.has("error")) {
            throw new IllegalStateException("setLowStockThreshold failed: " + answer);
        }
        return answer;
    }

    private static JsonNode setThresholdRaw(String productId, Object threshold) {
        ObjectNode event = Json.object().put("action", "setLowStockThreshold").put("productId", productId);
        if (threshold != null) {
            event.set("threshold", Json.MAPPER.valueToTree(threshold));
        }
        return Fixtures.admin(event);
    }

    private static String violation(JsonNode answer) {
        assertEquals("validation_error", answer.path("error").asText(), answer.toString());
        return answer.path("detail").path(0).path("type").asText();
    }

    private static String importProduct(String slug) {
        ObjectNode catalog = Json.object().put("action", "importCatalog");
        catalog.putArray("categories").addObject().put("slug", slug + "-category").put("name", "Категория");
        ObjectNode product = catalog.putArray("products").addObject()
                .put("slug", slug).put("categoryId", slug + "-category").put("price", "4990.00");
        product.putObject("name").put("ru", "Товар").put("en", "Product");
        return Fixtures.admin(catalog).path("products").path(0).path("id").asText();
    }

    private static List<String> codes(int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add("CODE-" + UUID.randomUUID());
        }
        return values;
    }
}
