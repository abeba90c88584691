package cc.marix.reseller.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.apiorder.ApiOrderItems;
import cc.marix.reseller.apiorder.OrderSeeds;
import cc.marix.reseller.order.OrderItems;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.payment.TopUpSeeds;
import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.testing.CapacityMeter;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The {@code orderScaling} section of {@link Benchmarks}: one user's reads as the user's history grows, through the
 * Lambda handler. The orders list (no filter; a common status; a rare status; a payment method, which no count covers)
 * at 100, 1,000 and 100,000 orders, and the fiat top-up list at 100, 1,000 and 10,000 top-ups: per read the median
 * latency, the read units DynamoDB reports ({@code ReturnConsumedCapacity}) and the round trips, per call. The orders
 * are copies of one order placed through the API (nine in ten completed, one in ten waiting for a payment), written
 * with BatchWriteItem as the store's own item builders shape them; the seeding time is reported. Before each size the
 * user's order counts are deleted, as if its orders predated them: the first read sets them (reported on its own).
 */
final class OrderScaling {

    private static final Logger LOG = Logger.getLogger(OrderScaling.class);
    static final int[] ORDER_SIZES = {100, 1_000, 100_000};
    static final int[] TOPUP_SIZES = {100, 1_000, 10_000};
    static final int REPEATS = 15;
    /** A size's repeats stop early after this long (a read of the whole history, before, takes seconds). */
    static final long BUDGET_NANOS = 20_000_000_000L;
    static final int PENDING_EVERY = 10;
    private static final int BATCH = 25;
    private static final int SEEDERS = 2;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ApiOrderItems items;
    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    OrderScaling(DynamoDbClient dynamo, String table, ApiOrderItems items,
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        this.dynamo = dynamo;
        this.table = table;
        this.items = items;
        this.handler = handler;
    }

    /** Adds its series to {@code scaling} and returns the seeding times. */
    ObjectNode run(ObjectNode scaling) throws Exception {
        ObjectNode seeding = Json.object();
        orders(scaling, seeding);
        topUps(scaling, seeding);
        return seeding;
    }

    private void orders(ObjectNode scaling, ObjectNode seeding) throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(5);
        Orders.Buyer buyer = Orders.buyer("1000.00");
        String placed = Json.parse(expect(send(HttpEvents.api("POST", "/api/orders/", "", buyer.apiKey(),
                Json.write(Orders.body(stocked.productId(), 1, null))))).getBody()).path("id").asText();
        Map<String, AttributeValue> template = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(OrderItems.key(placed)).consistentRead(true).build()).item();
        Instant newest = Instant.parse(Json.parse(expect(send(HttpEvents.api("GET", "/api/orders/" + placed, "",
                buyer.apiKey(), null))).getBody()).path("createdAt").asText());
        int seeded = 1;
        for (int size : ORDER_SIZES) {
            int from = seeded;
            long started = System.nanoTime();
            seed(size - seeded, i -> OrderSeeds.copy(items, template, newest.minusSeconds(from + i),
                    (from + i) % PENDING_EVERY == 0 ? OrderStatus.PENDING_PAYMENT : OrderStatus.COMPLETED));
            seeded = size;
            seeding.put("orders to " + size, String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9));
            OrderSeeds.forgetCounts(dynamo, table, buyer.userId());
            series(scaling, "orders list (first read: counts set)").add(measure(size, 1, buyer, ""));
            JsonNode all = Json.parse(expect(send(HttpEvents.api("GET", "/api/orders/", "", buyer.apiKey(), null)))
                    .getBody());
            assertEquals(size, all.path("total").asInt(), "the total counts every order");
            series(scaling, "orders list").add(measure(size, REPEATS, buyer, ""));
            series(scaling, "orders list (status filter)").add(measure(size, REPEATS, buyer, "statuses=completed"));
            series(scaling, "orders list (rare status)").add(measure(size, REPEATS, buyer,
                    "statuses=pending_payment"));
            series(scaling, "orders list (payment_method)").add(measure(size, REPEATS, buyer,
                    "payment_method=balance"));
            LOG.infof("orderScaling: %d orders measured", size);
        }
    }

    private void topUps(ObjectNode scaling, ObjectNode seeding) throws Exception {
        Orders.Buyer buyer = Orders.buyer(null);
        Instant newest = Instant.parse("2026-11-01T00:00:00Z");
        int seeded = 0;
        for (int size : TOPUP_SIZES) {
            int from = seeded;
            long started = System.nanoTime();
            seed(size - seeded, i -> TopUpSeeds.paidFiat(buyer.userId(), newest.minusSeconds(from + i)));
            seeded = size;
            seeding.put("top-ups to " + size, String.format(Locale.ROOT, "%.1f s",
                    (System.nanoTime() - started) / 1e9));
            series(scaling, "top-up list").add(measure(size, REPEATS, buyer, "/api/topups/fiat/", ""));
        }
    }

    private static ArrayNode series(ObjectNode scaling, String read) {
        return scaling.has(read) ? (ArrayNode) scaling.get(read) : scaling.putArray(read);
    }

    private ObjectNode measure(int size, int repeats, Orders.Buyer buyer, String query) {
        return measure(size, repeats, buyer, "/api/orders/", query);
    }

    /** {@code repeats} reads (fewer if they outlast the budget): median latency, read units and round trips a read. */
    private ObjectNode measure(int size, int repeats, Orders.Buyer buyer, String path, String query) {
        APIGatewayV2HTTPEvent event = HttpEvents.api("GET", path, query, buyer.apiKey(), null);
        long calls = DynamoCallCounter.total();
        CapacityMeter.enable();
        double before = CapacityMeter.readUnits();
        List<Long> nanos = new ArrayList<>();
        long started = System.nanoTime();
        while (nanos.size() < repeats && (nanos.isEmpty() || System.nanoTime() - started < BUDGET_NANOS)) {
            long start = System.nanoTime();
            expect(send(event));
            nanos.add(System.nanoTime() - start);
        }
        double read = CapacityMeter.readUnits() - before;
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return Json.object().put("size", size).put("p50Millis", sorted[sorted.length / 2] / 1e6)
                .put("readUnits", read / sorted.length)
                .put("roundTrips", (double) (DynamoCallCounter.total() - calls) / sorted.length)
                .put("reads", sorted.length);
    }

    /** Writes {@code count} items, {@code item(i)} for i in 0..count-1, with BatchWriteItem, 25 a call. */
    private void seed(int count, IntFunction<Map<String, AttributeValue>> item) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SEEDERS);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int start = 0; start < count; start += BATCH) {
                int first = start;
                batches.add(pool.submit(() -> {
                    List<WriteRequest> writes = new ArrayList<>();
                    for (int i = first; i < Math.min(count, first + BATCH); i++) {
                        writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item.apply(i))
                                .build()).build());
                    }
                    write(writes);
                    return null;
                }));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void write(List<WriteRequest> writes) {
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        while (!pending.isEmpty()) {
            BatchWriteItemResponse response = dynamo.batchWriteItem(BatchWriteItemRequest.builder()
                    .requestItems(pending).build());
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return handler.apply(event);
    }

    private static APIGatewayV2HTTPResponse expect(APIGatewayV2HTTPResponse response) {
        assertEquals(200, response.getStatusCode(), response.getBody());
        return response;
    }
}
