package cc.marix.reseller.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.apiorder.ApiOrderItems;
import cc.marix.reseller.catalog.CatalogSeed;
import cc.marix.reseller.catalog.CatalogVersion;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.order.FulfilmentOutcome;
import cc.marix.reseller.order.Order;
import cc.marix.reseller.order.PartnerFulfilment;
import cc.marix.reseller.order.PartnerOrderRequest;
import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.stock.CodeStore;
import cc.marix.reseller.stock.StockSeed;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.DeployedPath;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestDns;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The in-process half of {@code scripts/bench}: DynamoDB capacity units per operation ({@link CapacityBench}), round
 * trips per operation (the SDK interceptor's counts), the partner
 * webhook's throughput and latency through the Lambda handler at 1, 8 and 32 senders next to the bare DynamoDB calls
 * it needs (the floor), CPU per request of three operations against their floors ({@link ComputeBench}), one counter
 * item per product against eight, and the storms. Everything runs in this JVM
 * against the same DynamoDB Local, so the function and its floor share the same two cores. Writes
 * {@code target/bench/inprocess.json}; {@code scripts/bench} adds the cold starts and prints the table. Not part of
 * {@code mvn verify} (tag {@code bench}).
 */
@QuarkusTest
@TestProfile(DeployedPath.class)
@Tag("bench")
class Benchmarks {

    static final Path OUT = Path.of("target/bench/inprocess.json");
    static final int[] SENDERS = {1, 8, 32};
    static final int WARM_UP = 150;
    /** Function and floor take turns, this many each, so a drift of DynamoDB Local hits both alike. */
    static final int ROUNDS = 3;
    static final String CALLBACK_HOST = "callbacks.bench.example";
    /** The compute section's part that times a request making no DynamoDB call ({@link #requestPathAlone}). */
    private static final String REQUEST_PATH_ALONE = "request path alone";
    /** The request path's requests' DynamoDB calls (their key read again each minute) in the section's current part. */
    private final AtomicLong pathCalls = new AtomicLong();

    @Inject
    LambdaHttpHandler handler;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    PartnerFulfilment fulfilment;

    @Inject
    TestClock clock;

    @Inject
    CodeStore codes;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    Ids ids;

    @Inject
    CatalogVersion catalogVersion;

    @Inject
    ApiOrderItems orderItems;

    @Test
    void run() throws Exception {
        // -Dbench.sections=webhook,storms runs only those (for a quick before/after of one change)
        List<String> sections = List.of(System.getProperty("bench.sections",
                "capacity,roundTrips,compute,webhook,counterShards,storms,catalogScaling,orderScaling").split(","));
        ObjectNode results = Json.object();
        if (sections.contains("capacity")) {
            // first: its scheduled jobs are priced per item, so it wants a table holding only its own work
            CapacityBench capacity = new CapacityBench(handler, dynamo, codes, table(), clock);
            results.set("capacity", capacity.run());
            results.set("itemWriteUnits", capacity.itemUnits());
        }
        if (sections.contains("roundTrips")) {
            results.set("roundTrips", roundTrips());
        }
        if (sections.contains("compute")) {
            results.set("compute", compute());
        }
        if (sections.contains("webhook")) {
            results.set("webhook", webhook());
        }
        if (sections.contains("counterShards")) {
            results.set("counterShards", counterShards());
        }
        if (sections.contains("storms")) {
            results.set("storms", storms());
        }
        if (sections.contains("catalogScaling")) {
            new CatalogScaling(new CatalogSeed(dynamo, table(), objectMapper, ids, catalogVersion),
                    new StockSeed(dynamo, table()), this::send, Catalogs.apiKey(), clock).run(results.with("scaling"));
        }
        if (sections.contains("orderScaling")) {
            results.set("orderScalingSeeding", new OrderScaling(dynamo, table(), orderItems, this::send)
                    .run(results.with("scaling")));
        }
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    }

    // ---- round trips ---------------------------------------------------------------------------------------

    private ObjectNode roundTrips() {
        Stocked stocked = Fixtures.product(50);
        TestPartner partner = Fixtures.partner(stocked.productId());
        send(notification(partner, stocked.productId(), 1, Fixtures.unique("WARM"), null));
        Orders.Buyer buyer = Orders.buyer("1000000.00");
        TestDns.point(CALLBACK_HOST, "93.184.216.34");
        ObjectNode calls = Json.object();

        APIGatewayV2HTTPEvent sync = notification(partner, stocked.productId(), 1, Fixtures.unique("RT"), null);
        calls.set("sync partner fulfilment", count(() -> expect(200, send(sync))));
        calls.set("replayed event", count(() -> expect(200, send(sync))));
        calls.set("e-mail acceptance", count(() -> expect(202, send(notification(partner, stocked.productId(), 1,
                Fixtures.unique("RT"), "email")))));
        String body = Json.write(Orders.body(stocked.productId(), 1, Fixtures.unique("key")));
        String[] orderId = new String[1];
        calls.set("balance-paid order", count(() -> {
            APIGatewayV2HTTPResponse answer = expect(200, send(HttpEvents.api("POST", "/api/orders/", "",
                    buyer.apiKey(), body)));
            orderId[0] = Json.parse(answer.getBody()).path("id").asText();
        }));
        calls.set("order read", count(() -> expect(200, send(HttpEvents.api("GET", "/api/orders/" + orderId[0], "",
                buyer.apiKey(), null)))));
        // the first read after a catalog change loads the container's catalog snapshot; the ones after it do not
        calls.set("catalog list, snapshot load", count(() -> expect(200, send(HttpEvents.api("GET",
                "/api/categories/", "limit=20", buyer.apiKey(), null)))));
        calls.set("catalog list", count(() -> expect(200, send(HttpEvents.api("GET", "/api/categories/", "limit=20",
                buyer.apiKey(), null)))));
        calls.set("product search", count(() -> expect(200, send(HttpEvents.api("GET", "/api/products/search",
                "query=product", buyer.apiKey(), null)))));
        return calls;
    }

    private static ObjectNode count(Runnable operation) {
        Map<String, Long> before = DynamoCallCounter.snapshot();
        operation.run();
        ObjectNode calls = Json.object();
        long total = 0;
        for (Map.Entry<String, Long> after : DynamoCallCounter.snapshot().entrySet()) {
            long delta = after.getValue() - before.getOrDefault(after.getKey(), 0L);
            if (delta > 0) {
                calls.put(after.getKey(), delta);
                total += delta;
            }
        }
        ObjectNode result = Json.object().put("total", total);
        result.set("calls", calls);
        return result;
    }

    // ---- CPU per request against the floor ----------------------------------------------------------------

    /** Sync partner webhook, balance-paid API order and catalog read: the function's CPU next to its floor's. */
    private ObjectNode compute() {
        int operations = ComputeBench.OPERATIONS;
        ObjectNode compute = Json.object();

        Stocked served = stocked(operations + 1);
        TestPartner partner = Fixtures.partner(served.productId());
        Stocked bare = stocked(ComputeBench.floorOperations(2));
        FloorFulfilment fulfilmentFloor = new FloorFulfilment(dynamo, table(), 8, templates(partner,
                served.productId()));
        // what the own work is made of, each timed as the function is: a request that makes no DynamoDB call (the
        // way in and out: the event through the router, the filters and RESTEasy, an answer written back) and, for
        // the webhook, the same fulfilment called directly (its own work: building and reading the items)
        Stocked direct = stocked(operations);
        Orders.Buyer buyer = Orders.buyer("100000000.00");
        // its first request reads the key, which the container keeps from then on
        expect(200, send(chains(buyer)));
        Map<String, IntFunction<Runnable>> webhookParts = new LinkedHashMap<>();
        webhookParts.put(REQUEST_PATH_ALONE, i -> requestPathAlone(buyer));
        webhookParts.put("fulfilment called directly", i -> directFulfilment(partner, direct.productId()));
        compute.set("sync partner webhook", withPathCalls(ComputeBench.measure(
                i -> prepared(200, notification(partner, served.productId(), 1, "CPU-" + UUID.randomUUID(), null)),
                i -> () -> fulfilmentFloor.fulfil(bare.productId(), true), webhookParts)));

        // the floor's replays count down the product's stock as the orders do: stock for both
        Stocked ordered = stocked(2 * operations + 2);
        Stocked floorCodes = stocked(ComputeBench.floorOperations(1));
        String key = Fixtures.unique("cpu-key");
        String[] orderId = new String[1];
        // the floors are recorded from warm requests, as the measured ones are: the buyer's key and the catalog
        // snapshot already kept by the container (a cold one would put their reads into the floor only); the
        // catalog was just imported, so the snapshot is loaded once more after it settles (catalog.CatalogCache)
        APIGatewayV2HTTPEvent catalog = HttpEvents.api("GET", "/api/categories/", "limit=20", buyer.apiKey(), null);
        expect(200, send(catalog));
        clock.advance(Duration.ofSeconds(6));
        expect(200, send(catalog));
        List<SdkRequest> orderCalls = RequestTap.record(() -> orderId[0] = Json.parse(expect(200, send(
                HttpEvents.api("POST", "/api/orders/", "", buyer.apiKey(), Json.write(Orders.body(ordered.productId(),
                        1, key))))).getBody()).path("id").asText());
        RecordedFloor orderFloor = new RecordedFloor(dynamo, orderCalls, List.of(orderId[0], key));
        Iterator<Map<String, AttributeValue>> codes = fulfilmentFloor.codes(floorCodes.productId()).iterator();
        compute.set("balance-paid order", withPathCalls(ComputeBench.measure(
                i -> prepared(200, HttpEvents.api("POST", "/api/orders/", "", buyer.apiKey(), Json.write(Orders.body(
                        ordered.productId(), 1, Fixtures.unique("cpu-key"))))),
                i -> () -> orderFloor.replay(codes), Map.of(REQUEST_PATH_ALONE, i -> requestPathAlone(buyer)))));

        RecordedFloor catalogFloor = new RecordedFloor(dynamo, RequestTap.record(() -> expect(200, send(catalog))),
                List.of());
        compute.set("catalog list", withPathCalls(ComputeBench.measure(i -> prepared(200, catalog),
                i -> () -> catalogFloor.replay(null), Map.of(REQUEST_PATH_ALONE, i -> requestPathAlone(buyer)))));
        return compute;
    }

    /**
     * {@code GET /api/topups/crypto/chains/} with a key the container already holds: an answer from the configuration,
     * no DynamoDB call but the key's read again once its minute in the container is over (counted, {@link
     * #withPathCalls}).
     */
    private Runnable requestPathAlone(Orders.Buyer buyer) {
        APIGatewayV2HTTPEvent chains = chains(buyer);
        return () -> {
            long calls = RequestTap.callsOnThisThread();
            expect(200, send(chains));
            pathCalls.addAndGet(RequestTap.callsOnThisThread() - calls);
        };
    }

    private static APIGatewayV2HTTPEvent chains(Orders.Buyer buyer) {
        return HttpEvents.api("GET", "/api/topups/crypto/chains/", "", buyer.apiKey(), null);
    }

    /** The DynamoDB calls the request path's requests made during {@code measured}'s warm-up and pairs, with it. */
    private ObjectNode withPathCalls(ObjectNode measured) {
        ((ObjectNode) measured.path("paired").path(REQUEST_PATH_ALONE)).put("dynamoCalls", pathCalls.getAndSet(0));
        return measured;
    }

    /** The fulfilment a sync notification for one code asks for, called as the webhook's resource calls it. */
    private Runnable directFulfilment(TestPartner partner, String productId) {
        PartnerOrderRequest request = new PartnerOrderRequest(partner.slug(), null, UUID.randomUUID().toString(),
                Sha256.hex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)), "CPU-" + UUID.randomUUID(),
                productId, 1, new BigDecimal("4990"), "rub", Order.DELIVERY_SYNC, null, null, null);
        return () -> {
            if (!(fulfilment.fulfil(request) instanceof FulfilmentOutcome.Delivered)) {
                throw new IllegalStateException("the fulfilment called directly did not deliver");
            }
        };
    }

    private Runnable prepared(int status, APIGatewayV2HTTPEvent event) {
        return () -> expect(status, send(event));
    }

    // ---- throughput against the floor ---------------------------------------------------------------------

    /**
     * Warms the JIT of both paths (and DynamoDB Local's own) before anything is measured: the first few hundred
     * requests of a fresh JVM run at half speed and would count against whichever path ran first.
     */
    private void warmUp() throws Exception {
        Stocked served = stocked(801);
        TestPartner partner = Fixtures.partner(served.productId());
        LoadRun.run(8, 800, i -> fulfilment(partner, served.productId()));
        Stocked bare = stocked(800);
        FloorFulfilment floor = new FloorFulfilment(dynamo, table(), 8, templates(partner, served.productId()));
        LoadRun.run(8, 800, i -> () -> floor.fulfil(bare.productId(), true));
    }

    private ArrayNode webhook() throws Exception {
        warmUp();
        ArrayNode levels = Json.MAPPER.createArrayNode();
        for (int senders : SENDERS) {
            int operations = senders == 1 ? 450 : 1500;
            Stocked served = stocked(WARM_UP + operations + 1);
            TestPartner partner = Fixtures.partner(served.productId());
            Stocked bare = stocked(WARM_UP + operations);
            FloorFulfilment floor = new FloorFulfilment(dynamo, table(), 8, templates(partner, served.productId()));
            LoadRun.run(senders, WARM_UP, i -> fulfilment(partner, served.productId()));
            LoadRun.run(senders, WARM_UP, i -> () -> floor.fulfil(bare.productId(), true));
            List<LoadRun.Sample> functionRuns = new ArrayList<>();
            List<LoadRun.Sample> floorRuns = new ArrayList<>();
            long functionDynamoNanos = 0;
            long floorDynamoNanos = 0;
            for (int round = 0; round < ROUNDS; round++) {
                Map<String, Long> before = DynamoCallCounter.nanos();
                functionRuns.add(LoadRun.sample(senders, operations / ROUNDS, i -> fulfilment(partner,
                        served.productId())));
                functionDynamoNanos += dynamoNanos(before);
                before = DynamoCallCounter.nanos();
                floorRuns.add(LoadRun.sample(senders, operations / ROUNDS, i -> () -> floor.fulfil(bare.productId(),
                        true)));
                floorDynamoNanos += dynamoNanos(before);
            }
            LoadRun.Result function = LoadRun.pooled(functionRuns);
            LoadRun.Result floorResult = LoadRun.pooled(floorRuns);
            double functionDynamoMillis = functionDynamoNanos / 1e6 / function.operations();
            double floorDynamoMillis = floorDynamoNanos / 1e6 / floorResult.operations();

            ObjectNode level = Json.object().put("senders", senders).put("operations", operations);
            level.set("function", Json.MAPPER.valueToTree(function));
            level.set("floor", Json.MAPPER.valueToTree(floorResult));
            level.put("ratio", function.perSecond() / floorResult.perSecond());
            // time inside DynamoDB calls per fulfilment (all its calls, retries included), as the SDK saw it
            level.put("functionDynamoMillisPerOp", functionDynamoMillis);
            level.put("floorDynamoMillisPerOp", floorDynamoMillis);
            if (senders == 1) {
                level.set("fulfilmentOnly", fulfilmentOnly(partner, operations));
            }
            levels.add(level);
        }
        return levels;
    }

    /**
     * The fulfilment's own code called directly, without the Lambda handler, HTTP, signature and JSON: splits the
     * function's time into the HTTP layer and the fulfilment.
     */
    private ObjectNode fulfilmentOnly(TestPartner partner, int operations) throws Exception {
        Stocked direct = stocked(operations);
        Map<String, Long> before = DynamoCallCounter.nanos();
        LoadRun.Result run = LoadRun.run(1, operations, i -> () -> fulfilment.fulfil(new PartnerOrderRequest(
                partner.slug(), null, UUID.randomUUID().toString(), "bench", "DIRECT-" + UUID.randomUUID(),
                direct.productId(), 1, null, null, "sync", null, null, null)));
        ObjectNode result = Json.MAPPER.valueToTree(run);
        result.put("dynamoMillisPerOp", dynamoNanos(before) / 1e6 / operations);
        return result;
    }

    private static long dynamoNanos(Map<String, Long> before) {
        long nanos = 0;
        for (Map.Entry<String, Long> after : DynamoCallCounter.nanos().entrySet()) {
            nanos += after.getValue() - before.getOrDefault(after.getKey(), 0L);
        }
        return nanos;
    }

    private Callable<?> fulfilment(TestPartner partner, String productId) {
        return () -> expect(200, send(notification(partner, productId, 1, "BENCH-" + UUID.randomUUID(), null)));
    }

    /** The three items one real fulfilment wrote, for the floor to write copies of. */
    private FloorFulfilment.Templates templates(TestPartner partner, String productId) {
        String eventId = UUID.randomUUID().toString();
        String external = "TEMPLATE-" + UUID.randomUUID();
        byte[] body = Notifications.bytes(Notifications.orderPaid(external, productId, 1));
        JsonNode answer = Json.parse(expect(200, handler.handleRequest(Notifications.event(partner.slug(), body,
                partner.secret(), eventId), null)).getBody());
        return new FloorFulfilment.Templates(
                get("PEVENT#" + partner.slug() + "#" + eventId, "PEVENT"),
                get("PEXT#" + partner.slug() + "#" + external, "PEXT"),
                get("ORDER#" + answer.path("orderId").asText(), "ORDER"));
    }

    // ---- one counter item per product, or eight ---------------------------------------------------------

    /**
     * The fulfilment transaction with each sender claiming a code no other sender picks, so every cancelled
     * transaction is a conflict on the counter: one item per product, or one of eight shards.
     */
    private ObjectNode counterShards() throws Exception {
        int senders = 32;
        int operations = 1500;
        ObjectNode result = Json.object().put("senders", senders).put("operations", operations);
        for (int shards : new int[] {8, 1}) {
            Stocked served = stocked(1);
            TestPartner partner = Fixtures.partner(served.productId());
            Stocked bare = stocked(operations);
            FloorFulfilment floor = new FloorFulfilment(dynamo, table(), shards, templates(partner,
                    served.productId()));
            List<Map<String, AttributeValue>> codes = floor.codes(bare.productId());
            long[] attempts = new long[1];
            LoadRun.Result run = LoadRun.run(senders, operations, i -> () -> {
                int tries = floor.fulfilKnown(bare.productId(), codes.get(i));
                synchronized (attempts) {
                    attempts[0] += tries;
                }
                return tries;
            });
            ObjectNode one = Json.MAPPER.valueToTree(run);
            one.put("transactionsPerFulfilment", (double) attempts[0] / operations);
            result.set(shards + " shard" + (shards == 1 ? "" : "s"), one);
        }
        return result;
    }

    // ---- storms --------------------------------------------------------------------------------------------

    private ObjectNode storms() throws Exception {
        ObjectNode storms = Json.object();
        storms.set("200 copies of one event", copies());
        storms.set("1000 orders against 200 codes", contention());
        return storms;
    }

    private ObjectNode copies() throws Exception {
        Stocked stocked = Fixtures.product(10);
        TestPartner partner = Fixtures.partner(stocked.productId());
        APIGatewayV2HTTPEvent event = notification(partner, stocked.productId(), 1, Fixtures.unique("COPY"), null);
        List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(() -> handler.handleRequest(event, null));
        }
        long began = System.nanoTime();
        List<APIGatewayV2HTTPResponse> answers = Storm.run(calls);
        double seconds = (System.nanoTime() - began) / 1e9;
        Set<String> bodies = new HashSet<>();
        int ok = 0;
        for (APIGatewayV2HTTPResponse answer : answers) {
            ok += answer.getStatusCode() == 200 ? 1 : 0;
            bodies.add(answer.getBody());
        }
        JsonNode stock = Fixtures.stock(stocked.productId());
        return Json.object().put("answered200", ok).put("distinctAnswers", bodies.size())
                .put("delivered", stock.path("delivered").asLong()).put("seconds", seconds)
                .put("pass", ok == 200 && bodies.size() == 1 && stock.path("delivered").asLong() == 1);
    }

    private ObjectNode contention() throws Exception {
        Stocked stocked = Fixtures.product(200);
        TestPartner partner = Fixtures.partner(stocked.productId());
        int[] answers = new int[600];
        long began = System.nanoTime();
        LoadRun.run(100, 1000, i -> () -> {
            int status = send(notification(partner, stocked.productId(), 1, "STORM-" + i + "-" + UUID.randomUUID(),
                    null)).getStatusCode();
            synchronized (answers) {
                answers[status]++;
            }
            return status;
        });
        double seconds = (System.nanoTime() - began) / 1e9;
        // what the table holds afterwards: every order with its one code, no code twice, no code left
        List<Map<String, AttributeValue>> orders = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table()).indexName(TableSchema.GSI1)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attrs.s("PARTNER_ORDERS#" + partner.slug()))).build())
                .items().forEach(orders::add);
        Set<String> codes = new HashSet<>();
        int halfDone = 0;
        for (Map<String, AttributeValue> order : orders) {
            List<AttributeValue> held = Attrs.listValue(order, "codes");
            String external = Attrs.str(order, "externalOrderId");
            boolean keyed = !get("PEXT#" + partner.slug() + "#" + external, "PEXT").isEmpty();
            if (held.size() != 1 || !"completed".equals(Attrs.str(order, "status")) || !keyed) {
                halfDone++;
            }
            held.forEach(code -> codes.add(code.m().get("value").s()));
        }
        int left = dynamo.query(QueryRequest.builder().tableName(table())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :code)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s("STOCK#" + stocked.productId()), ":code",
                        Attrs.s("CODE#"))).consistentRead(true).build()).count();
        JsonNode stock = Fixtures.stock(stocked.productId());
        boolean pass = answers[200] == 200 && answers[409] == 800 && orders.size() == 200 && codes.size() == 200
                && stocked.codes().containsAll(codes) && halfDone == 0 && left == 0
                && stock.path("available").asLong() == 0 && stock.path("delivered").asLong() == 200;
        return Json.object().put("answered200", answers[200]).put("answered409", answers[409])
                .put("ordersInTable", orders.size()).put("distinctCodes", codes.size()).put("halfDone", halfDone)
                .put("codesLeft", left).put("counterAvailable", stock.path("available").asLong())
                .put("counterDelivered", stock.path("delivered").asLong()).put("seconds", seconds).put("pass", pass);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private static APIGatewayV2HTTPEvent notification(TestPartner partner, String productId, int qty,
            String externalOrderId, String deliveryMode) {
        ObjectNode body = Notifications.orderPaid(externalOrderId, productId, qty);
        if ("email".equals(deliveryMode)) {
            body.put("deliveryMode", "email").put("customerEmail", "buyer@example.com")
                    .put("callbackUrl", "https://" + CALLBACK_HOST + "/callbacks");
        }
        return Notifications.event(partner.slug(), Notifications.bytes(body), partner.secret(),
                UUID.randomUUID().toString());
    }

    private static APIGatewayV2HTTPResponse expect(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        return response;
    }

    /** A product with this many codes, imported a thousand an event. */
    private static Stocked stocked(int codes) {
        Stocked product = Fixtures.product(0);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < codes; i++) {
            values.add("BENCH-" + UUID.randomUUID());
            if (values.size() == 1000 || i == codes - 1) {
                Fixtures.addCodes(product.productId(), values);
                values = new ArrayList<>();
            }
        }
        return product;
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table())
                .key(Attrs.key(pk, sk)).consistentRead(true).build()).item();
        return item == null ? Map.of() : item;
    }

    private String table() {
        return config.table().name();
    }
}
