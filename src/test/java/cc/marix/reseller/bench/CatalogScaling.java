package cc.marix.reseller.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.catalog.CatalogSeed;
import cc.marix.reseller.stock.StockSeed;
import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.testing.CapacityMeter;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestClock;

/**
 * The catalog reads at 100, 1,000 and 10,000 products, in 100 categories and in one: one page's latency (p50 of
 * {@link #SAMPLES} requests after {@link #WARM_UPS}), read units (DynamoDB's consumed capacity) and round trips, per
 * request, through the Lambda handler. The catalog grows in place from one size to the next (seeded with
 * BatchWriteItem); the 100-category layout runs first, so its "search without category" searches exactly that
 * many products, and the one-category layout's runs with those 10,000 beside it. Every {@link #STOCKED_EVERY}rd
 * product has stock ({@link StockSeed}: its counter, and its in-stock marker and category count as the stock watch
 * keeps them), so the stock figures of the lists and {@code withStockOnly} cost what they would in a live catalog.
 * After each size is seeded, the clock moves on past the snapshot's settling time and the first read loads the
 * container's catalog snapshot, measured once as a row of its own ("snapshot load"); without that, the settling
 * reload fell on whichever read was being measured 5 s after the seeding (at 10,000 products, often the search
 * with {@code withStockOnly}: 290 RU and 29 round trips in some runs, 34 and 10 in others).
 */
final class CatalogScaling {

    static final int[] SIZES = {100, 1_000, 10_000};
    static final int CATEGORIES = 100;
    static final int WARM_UPS = 2;
    static final int SAMPLES = 7;
    static final int STOCKED_EVERY = 3;
    static final long STOCKED_CODES = 5;

    private final CatalogSeed seed;
    private final StockSeed stock;
    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final String apiKey;
    private final TestClock clock;

    CatalogScaling(CatalogSeed seed, StockSeed stock,
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, String apiKey, TestClock clock) {
        this.seed = seed;
        this.stock = stock;
        this.handler = handler;
        this.apiKey = apiKey;
        this.clock = clock;
    }

    /** Puts each read's series into {@code scaling}, and the seeding times under {@code seedMillis}. */
    void run(ObjectNode scaling) {
        // prices are in usd and answers in rub (the default): each page converts, as most real requests do
        Catalogs.baselineRate();
        layout(scaling, "100 categories", CATEGORIES);
        layout(scaling, "one category", 1);
    }

    private void layout(ObjectNode scaling, String layout, int categoryCount) {
        String prefix = "scale" + Integer.toString(categoryCount, 36) + Long.toString(System.nanoTime() % 1_000_000, 36);
        String token = prefix + "x";
        long started = System.nanoTime();
        List<String> categories = seed.categories(prefix, categoryCount);
        List<String> someProducts = new ArrayList<>();
        int seeded = 0;
        ObjectNode seedMillis = scaling.with("seedMillis (" + layout + ")");
        for (int size : SIZES) {
            long seedStarted = System.nanoTime();
            List<String> products = seed.products(prefix, token, categories, seeded, size);
            stock(prefix, products, seeded, categories);
            someProducts.add(products.get(0));
            seedMillis.put(Integer.toString(size), (System.nanoTime() - seedStarted) / 1_000_000);
            seeded = size;
            String category = categories.get(0);
            String product = someProducts.get(0);
            clock.advance(CatalogSeed.SETTLE.plusSeconds(1));
            measure(scaling, "catalog snapshot load (" + layout + ")", size, "/api/categories/", "limit=20", 0, 1);
            measure(scaling, "catalog list (" + layout + ")", size, "/api/categories/", "limit=20");
            measure(scaling, "catalog list withStockOnly (" + layout + ")", size, "/api/categories/",
                    "limit=20&withStockOnly=true");
            measure(scaling, "product list (" + layout + ")", size, "/api/products/",
                    "category_id_or_slug=" + category);
            measure(scaling, "product list withStockOnly (" + layout + ")", size, "/api/products/",
                    "category_id_or_slug=" + category + "&withStockOnly=true");
            measure(scaling, "search without category (" + layout + ")", size, "/api/products/search",
                    "query=" + token);
            measure(scaling, "search with category (" + layout + ")", size, "/api/products/search",
                    "query=" + token + "&category_id_or_slug=" + category);
            measure(scaling, "search withStockOnly (" + layout + ")", size, "/api/products/search",
                    "query=" + token + "&withStockOnly=true");
            measure(scaling, "product get (" + layout + ")", size, "/api/products/" + product, "");
        }
        scaling.put("seededAllMillis (" + layout + ")", (System.nanoTime() - started) / 1_000_000);
    }

    /** Stocks every {@link #STOCKED_EVERY}rd of {@code products}, numbered from {@code from}, in its category. */
    private void stock(String prefix, List<String> products, int from, List<String> categories) {
        List<StockSeed.Stocked> stocked = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            int n = from + i;
            if (n % STOCKED_EVERY == 0) {
                // the slug CatalogSeed gives product n
                stocked.add(new StockSeed.Stocked(products.get(i), categories.get(n % categories.size()),
                        prefix + "-" + n));
            }
        }
        stock.stock(stocked, STOCKED_CODES);
    }

    private void measure(ObjectNode scaling, String read, int size, String path, String query) {
        measure(scaling, read, size, path, query, WARM_UPS, SAMPLES);
    }

    private void measure(ObjectNode scaling, String read, int size, String path, String query, int warmUps,
            int samples) {
        for (int i = 0; i < warmUps; i++) {
            call(path, query);
        }
        long[] latencies = new long[samples];
        CapacityMeter.enable();
        double units = CapacityMeter.readUnits();
        long trips = DynamoCallCounter.total();
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            call(path, query);
            latencies[i] = System.nanoTime() - started;
        }
        Arrays.sort(latencies);
        ArrayNode series = scaling.withArray(read);
        series.add(Json.object().put("size", size)
                .put("p50Millis", latencies[samples / 2] / 1e6)
                .put("readUnits", (CapacityMeter.readUnits() - units) / samples)
                .put("roundTrips", (double) (DynamoCallCounter.total() - trips) / samples));
    }

    private void call(String path, String query) {
        APIGatewayV2HTTPResponse response = handler.apply(HttpEvents.api("GET", path, query, apiKey, null));
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException(path + "?" + query + " answered " + response.getStatusCode() + ": "
                    + response.getBody());
        }
    }
}
