package cc.marix.reseller.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.local.StreamFeeder;
import cc.marix.reseller.stock.CodeStore;
import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.testing.CapacityMeter;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.GreenMailResource;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Merchant;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.PartnerEndpoint;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.Streams;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The price of each operation in DynamoDB capacity: every call asks for its consumed capacity ({@link CapacityMeter})
 * and each operation is run once, alone, through the real path (the Lambda handler, the runtime for events and
 * schedules), so the units and calls counted in its window are its own. Units are deterministic: the machine's load
 * does not change them. A scheduled job is priced per item as the difference between a run with one item due and
 * the empty run after it. Next to the sync fulfilment: the same fulfilment built the common way
 * ({@link PowertoolsFulfilment}). Runs before the other sections, while the table holds only its own data.
 */
final class CapacityBench {

    static final String RECONCILE = "{\"job\": \"payment-reconcile\"}";
    static final String EXPIRY = "{\"job\": \"order-expiry\"}";
    static final String DELIVERY_RETRY = "{\"job\": \"delivery-retry\"}";
    /** A table without indexes, where a copy of an item costs exactly its size in write units. */
    static final String SCRATCH = "capacity-scratch";

    private final LambdaHttpHandler handler;
    private final DynamoDbClient dynamo;
    private final CodeStore codes;
    private final String table;
    private final TestClock clock;
    private final ObjectNode results = Json.object();
    private final ObjectNode itemUnits = Json.object();

    CapacityBench(LambdaHttpHandler handler, DynamoDbClient dynamo, CodeStore codes, String table, TestClock clock) {
        this.handler = handler;
        this.dynamo = dynamo;
        this.codes = codes;
        this.table = table;
        this.clock = clock;
    }

    ObjectNode run() {
        CapacityMeter.enable();
        dynamo.createTable(CreateTableRequest.builder().tableName(SCRATCH).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build(), AttributeDefinition.builder()
                        .attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .build());
        partnerOperations();
        publicApi();
        topUps();
        scheduledJobs();
        return results;
    }

    // ---- the partner webhook, the delivery worker, and the common way ---------------------------------------

    private void partnerOperations() {
        Stocked stocked = Fixtures.product(60);
        TestPartner partner = Fixtures.partner(stocked.productId());
        warm(partner, stocked.productId());

        String external = Fixtures.unique("CAP");
        APIGatewayV2HTTPEvent sync = notification(partner, stocked.productId(), 1, external);
        measure("sync fulfilment", () -> expect(200, send(sync)));
        measure("sync fulfilment, replayed event", () -> expect(200, send(sync)));
        String tenExternal = Fixtures.unique("CAP");
        APIGatewayV2HTTPEvent ten = notification(partner, stocked.productId(), 10, tenExternal);
        measure("sync fulfilment, 10 codes", () -> expect(200, send(ten)));
        measure("sync fulfilment, 10 codes, replayed event", () -> expect(200, send(ten)));

        APIGatewayV2HTTPResponse first = expect(200, send(sync));
        String orderId = Json.parse(first.getBody()).path("orderId").asText();
        String tenOrderId = Json.parse(expect(200, send(ten)).getBody()).path("orderId").asText();
        String slug = partner.slug();
        itemUnits("sync, 1 code: PEVENT", "PEVENT#" + slug + "#" + sync.getHeaders().get("x-event-id"), "PEVENT");
        itemUnits("sync, 1 code: PEXT", "PEXT#" + slug + "#" + external, "PEXT");
        itemUnits("sync, 1 code: ORDER", "ORDER#" + orderId, "ORDER");
        itemUnits("sync, 10 codes: PEVENT", "PEVENT#" + slug + "#" + ten.getHeaders().get("x-event-id"), "PEVENT");
        itemUnits("sync, 10 codes: PEXT", "PEXT#" + slug + "#" + tenExternal, "PEXT");
        itemUnits("sync, 10 codes: ORDER", "ORDER#" + tenOrderId, "ORDER");

        PowertoolsFulfilment common = new PowertoolsFulfilment(dynamo, codes, table, first.getBody(),
                PowertoolsFulfilment.item(dynamo, table, "PEXT#" + slug + "#" + external, "PEXT"),
                PowertoolsFulfilment.item(dynamo, table, "ORDER#" + orderId, "ORDER"));
        String key = UUID.randomUUID().toString();
        measure("common way: sync fulfilment (Powertools idempotency)", () -> common.fulfil(key,
                stocked.productId()));
        measure("common way: replayed event", () -> common.fulfil(key, stocked.productId()));

        delivery(partner, stocked.productId());
    }

    private void delivery(TestPartner partner, String productId) {
        GreenMailResource.startSmtp();
        PartnerEndpoint endpoint = PartnerEndpoint.open();
        try {
            endpoint.answers(200);
            StreamFeeder stream = Streams.feeder(dynamo, table);
            String[] accepted = new String[1];
            warm(partner, productId);
            measure("e-mail acceptance", () -> accepted[0] = Json.parse(expect(202, send(email(partner, productId,
                    endpoint))).getBody()).path("orderId").asText());
            itemUnits("e-mail order, accepted: ORDER", "ORDER#" + accepted[0], "ORDER");
            List<String> batches = stream.poll();
            warm(partner, productId);
            measure("delivery-worker: e-mail and callback", () -> batches.forEach(TestStack::invoke));
            itemUnits("e-mail order, delivered: ORDER", "ORDER#" + accepted[0], "ORDER");

            endpoint.answers(500);
            expect(202, send(email(partner, productId, endpoint)));
            List<String> failing = stream.poll();
            warm(partner, productId);
            measure("delivery-worker: e-mail, callback failed (retry due)", () -> failing.forEach(TestStack::invoke));
            endpoint.answers(200);
            clock.advance(Duration.ofSeconds(10));
            warm(partner, productId);
            perItem("delivery-retry: per callback retried", DELIVERY_RETRY);
        } finally {
            endpoint.stop();
        }
    }

    // ---- the public API -------------------------------------------------------------------------------------

    private void publicApi() {
        Stocked stocked = Fixtures.product(10);
        Orders.Buyer buyer = Orders.buyer("1000000.00");
        String apiKey = buyer.apiKey();
        String body = Json.write(Orders.body(stocked.productId(), 1, Fixtures.unique("key")));
        // the first call of a key is the same as every other, but the first of a container is not: warm it
        expect(200, send(HttpEvents.api("GET", "/api/orders/", "", apiKey, null)));
        String[] orderId = new String[1];
        measure("balance-paid order", () -> orderId[0] = Json.parse(expect(200, send(HttpEvents.api("POST",
                "/api/orders/", "", apiKey, body))).getBody()).path("id").asText());
        itemUnits("API order, completed: ORDER", "ORDER#" + orderId[0], "ORDER");
        measure("order read", () -> expect(200, send(HttpEvents.api("GET", "/api/orders/" + orderId[0], "", apiKey,
                null))));
        measure("orders list", () -> expect(200, send(HttpEvents.api("GET", "/api/orders/", "", apiKey, null))));
        // the first read after a catalog change loads the container's catalog snapshot; the ones after it do not
        measure("catalog list, snapshot load", () -> expect(200, send(HttpEvents.api("GET", "/api/categories/",
                "limit=20", apiKey, null))));
        measure("catalog list", () -> expect(200, send(HttpEvents.api("GET", "/api/categories/", "limit=20", apiKey,
                null))));
        JsonNode product = Json.parse(expect(200, send(HttpEvents.api("GET", "/api/products/" + stocked.productId(),
                "", apiKey, null))).getBody());
        // Fixtures names a product's category after the product
        String category = product.path("slug").asText() + "-category";
        measure("product list", () -> expect(200, send(HttpEvents.api("GET", "/api/products/",
                "category_id_or_slug=" + category, apiKey, null))));
        measure("search", () -> expect(200, send(HttpEvents.api("GET", "/api/products/search", "query=product",
                apiKey, null))));
        measure("search in a category", () -> expect(200, send(HttpEvents.api("GET", "/api/products/search",
                "query=product&category_id_or_slug=" + category, apiKey, null))));
        measure("product get", () -> expect(200, send(HttpEvents.api("GET", "/api/products/" + stocked.productId(),
                "", apiKey, null))));
    }

    // ---- top-ups and the providers' callbacks ---------------------------------------------------------------

    private void topUps() {
        ProvidersResource.server().resetAll();
        Orders.Buyer buyer = Orders.buyer(null);

        String uuid = UUID.randomUUID().toString();
        measure("top-up create, Tribute", () -> Tribute.topUp(buyer, "1500", uuid));
        Tribute.statusIs(uuid, "paid");
        measure("Tribute webhook, paid", () -> Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200));
        measure("Tribute webhook, repeated", () -> Tribute.send(Tribute.paid(uuid, 150000)).then()
                .statusCode(200));

        String exchangerOrder = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String amount = "16.483516";
        measure("top-up create, exchanger", () -> Exchanger.topUp(buyer, "1500", exchangerOrder, amount));
        Map<String, String> create = Exchanger.lastCreate();
        Exchanger.statusIs(exchangerOrder, "done", "1500");
        Map<String, String> done = Exchanger.ipn(exchangerOrder, "done", amount, "1795458000000",
                create.get("ipnSecret"));
        measure("exchanger IPN, done", () -> Exchanger.send(create.get("ipnUrl"), done).then().statusCode(200));
        measure("exchanger IPN, repeated", () -> Exchanger.send(create.get("ipnUrl"), done).then().statusCode(200));

        String gateway = UUID.randomUUID().toString();
        String[] topUpId = new String[1];
        measure("top-up create, merchant", () -> topUpId[0] = Merchant.topUp(buyer, "1500", gateway).path("id")
                .asText());
        Merchant.statusIs(gateway, "success", "1500");
        String callback = Merchant.callback("success", "1500", topUpId[0], gateway);
        measure("merchant callback, success", () -> Merchant.send(callback, Merchant.SECRET, clock.instant())
                .then().statusCode(200));
        measure("merchant callback, repeated", () -> Merchant.send(callback, Merchant.SECRET, clock.instant())
                .then().statusCode(200));
    }

    // ---- scheduled jobs, per item handled -------------------------------------------------------------------

    private void scheduledJobs() {
        Orders.Buyer buyer = Orders.buyer(null);
        String uuid = UUID.randomUUID().toString();
        Tribute.topUp(buyer, "700", uuid);
        Tribute.statusIs(uuid, "paid");
        clock.advance(Duration.ofMinutes(3));
        perItem("payment-reconcile: per payment polled and credited", RECONCILE);

        drain(EXPIRY);
        // the codes' import files the product: the watch looks, finds it in stock and counts it (marker and count)
        Stocked stocked = Fixtures.product(2);
        perItem("order-expiry: per product the stock watch looks at and counts in stock", EXPIRY);
        JsonNode pending = Json.parse(Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then()
                .statusCode(200).extract().asString());
        assertEquals("pending_payment", pending.path("status").asText(), pending.toString());
        clock.advance(Duration.ofMinutes(31));
        perItem("order-expiry: per unpaid order cancelled", EXPIRY);
    }

    /** The job's run with its item(s) due, less the empty run right after: what one item adds. */
    private void perItem(String name, String job) {
        ObjectNode loaded = window(() -> TestStack.invoke(job));
        ObjectNode empty = window(() -> TestStack.invoke(job));
        ObjectNode item = Json.object()
                .put("readUnits", loaded.path("readUnits").asDouble() - empty.path("readUnits").asDouble())
                .put("writeUnits", loaded.path("writeUnits").asDouble() - empty.path("writeUnits").asDouble())
                .put("roundTrips", loaded.path("roundTrips").asLong() - empty.path("roundTrips").asLong());
        item.set("run", loaded);
        item.set("emptyRun", empty);
        results.set(name, item);
    }

    /** Runs the job until it finds nothing to do: what other operations left due is not priced as its item. */
    private static void drain(String job) {
        for (int run = 0; run < 20; run++) {
            long handled = 0;
            for (JsonNode count : Json.parse(TestStack.invoke(job))) {
                handled += count.asLong();
            }
            if (handled == 0) {
                return;
            }
        }
        throw new IllegalStateException(job + " still finds work after 20 runs");
    }

    /** Write units per item copy, by item. */
    ObjectNode itemUnits() {
        return itemUnits;
    }

    /** The write units of a copy of this item put alone into a table without indexes: its size in 1 KB units. */
    private void itemUnits(String name, String pk, String sk) {
        Map<String, AttributeValue> item = PowertoolsFulfilment.item(dynamo, table, pk, sk);
        itemUnits.put(name, window(() -> dynamo.putItem(PutItemRequest.builder().tableName(SCRATCH).item(item)
                .build())).path("writeUnits").asDouble());
    }

    // ---- measuring ------------------------------------------------------------------------------------------

    private void measure(String name, Runnable operation) {
        results.set(name, window(operation));
    }

    /** Units and calls of DynamoDB while {@code operation} runs, per operation and in all. */
    private static ObjectNode window(Runnable operation) {
        Map<String, CapacityMeter.Units> unitsBefore = CapacityMeter.snapshot();
        Map<String, Long> callsBefore = DynamoCallCounter.snapshot();
        Map<String, Long> refusedBefore = CapacityMeter.refused();
        operation.run();
        double read = 0;
        double write = 0;
        double indexes = 0;
        for (Map.Entry<String, CapacityMeter.Units> after : CapacityMeter.snapshot().entrySet()) {
            CapacityMeter.Units before = unitsBefore.getOrDefault(after.getKey(), new CapacityMeter.Units(0, 0, 0));
            read += after.getValue().read() - before.read();
            write += after.getValue().write() - before.write();
            indexes += after.getValue().indexes() - before.indexes();
        }
        ObjectNode calls = deltas(callsBefore, DynamoCallCounter.snapshot());
        long roundTrips = 0;
        for (JsonNode count : calls) {
            roundTrips += count.asLong();
        }
        ObjectNode result = Json.object().put("readUnits", read).put("writeUnits", write).put("roundTrips",
                roundTrips).put("ofWhichIndexUnits", indexes);
        result.set("calls", calls);
        ObjectNode refused = deltas(refusedBefore, CapacityMeter.refused());
        if (!refused.isEmpty()) {
            // DynamoDB reports nothing for these, yet bills a refused write as if it were written
            result.set("refusedCalls", refused);
        }
        return result;
    }

    private static ObjectNode deltas(Map<String, Long> before, Map<String, Long> after) {
        ObjectNode deltas = Json.object();
        after.forEach((operation, count) -> {
            long delta = count - before.getOrDefault(operation, 0L);
            if (delta > 0) {
                deltas.put(operation, delta);
            }
        });
        return deltas;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /**
     * A warm function, as every request but one per container and 5 s finds it: the partner cached (on this slow a
     * machine the 5 s pass between two operations).
     */
    private void warm(TestPartner partner, String productId) {
        expect(200, send(notification(partner, productId, 1, Fixtures.unique("WARM"))));
    }

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private static APIGatewayV2HTTPEvent notification(TestPartner partner, String productId, int qty,
            String externalOrderId) {
        return Notifications.event(partner.slug(), Notifications.bytes(Notifications.orderPaid(externalOrderId,
                productId, qty)), partner.secret(), UUID.randomUUID().toString());
    }

    private static APIGatewayV2HTTPEvent email(TestPartner partner, String productId, PartnerEndpoint endpoint) {
        ObjectNode body = endpoint.emailOrder(Fixtures.unique("MAIL"), productId,
                "buyer-" + UUID.randomUUID() + "@example.com", "en");
        return Notifications.event(partner.slug(), Notifications.bytes(body), partner.secret(),
                UUID.randomUUID().toString());
    }

    private static APIGatewayV2HTTPResponse expect(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        return response;
    }
}
