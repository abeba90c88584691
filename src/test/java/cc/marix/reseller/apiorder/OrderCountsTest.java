package cc.marix.reseller.apiorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.lambda.InternalResult;
import cc.marix.reseller.order.OrderCounts;
import cc.marix.reseller.order.OrderItems;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.TransactionConflicts;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The orders list's {@code total} from the maintained order counts ({@link OrderCounts}): exact under concurrent
 * creations, payments and expiries from real threads, set once for orders that predate the counts, sandbox orders
 * leaving with their retention, and the bounded count of the filters no count covers.
 */
@QuarkusTest
class OrderCountsTest {

    private static final Logger LOG = Logger.getLogger(OrderCountsTest.class);
    private static final String EXPIRY = "{\"job\": \"order-expiry\"}";
    private static final int PARALLEL_NOTIFICATIONS = 40;
    private static final int PARALLEL_ORDERS = 10;

    @Inject
    LambdaHttpHandler handler;

    @Inject
    ObjectMapper mapper;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    @Inject
    ApiOrderItems items;

    @BeforeEach
    void front() {
        TestStack.useHttpFront();
    }

    @Test
    void ordersPlacedPaidAndExpiredConcurrently_shouldKeepEveryTotalEqualToAFullCount() throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(40);
        Buyer buyer = Orders.buyer("49900.00");
        List<Callable<String>> placements = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            placements.add(() -> place(buyer, stocked.productId()));
        }
        List<String> placed = Storm.run(placements);
        List<String> pending = placed.stream().filter(id -> status(buyer, id).equals("pending_payment")).toList();
        assertEquals(10, pending.size(), "a balance for ten: ten paid, ten waiting");

        clock.advance(Duration.ofMinutes(31));
        List<Callable<String>> storm = new ArrayList<>();
        for (int i = 0; i < pending.size(); i += 2) {
            String orderId = pending.get(i);
            storm.add(() -> invoke(Json.write(Json.object().put("action", "markOrderPaid").put("orderId", orderId)
                    .put("reference", "counts-" + orderId))));
        }
        storm.add(() -> invoke(EXPIRY));
        storm.add(() -> invoke(EXPIRY));
        for (int i = 0; i < 10; i++) {
            storm.add(() -> place(buyer, stocked.productId()));
        }
        Storm.run(storm);
        invoke(EXPIRY);

        Map<String, Long> counted = countedByStatus(buyer);
        assertEquals(30L, counted.values().stream().mapToLong(Long::longValue).sum());
        assertTrue(counted.get("cancelled") > 0 && counted.get("completed") > 10, counted.toString());
        assertEquals(30, total(buyer, ""));
        for (OrderStatus status : OrderStatus.values()) {
            assertEquals(counted.get(status.wire()).intValue(), total(buyer, "statuses=" + status.wire()),
                    status.wire() + " in " + counted);
        }
        assertEquals(counted.get("completed") + counted.get("cancelled"),
                total(buyer, "statuses=completed,cancelled"));
        assertEquals(counted, maintained(buyer), "the counts as the writes moved them, before any list set them");
    }

    @Test
    void aLinkedPartnersParallelNotifications_shouldAllBeFulfilled_andCountedExactly_whenTransactionsConflictAsInAws() throws Exception {
        Buyer buyer = Orders.buyer(null);
        List<String> productIds = new ArrayList<>();
        for (int i = 0; i < PARALLEL_NOTIFICATIONS; i++) {
            productIds.add(Fixtures.product(1).productId());
        }
        // one product per notification: no code, stock counter or key is shared; only the user's order counts are
        Fixtures.TestPartner partner = Fixtures.linkedPartner(buyer.userId(), productIds.toArray(String[]::new));
        List<Callable<APIGatewayV2HTTPResponse>> notifications = new ArrayList<>();
        for (String productId : productIds) {
            APIGatewayV2HTTPEvent event = Notifications.event(partner.slug(), Notifications.bytes(
                    Notifications.orderPaid(Fixtures.unique("PARALLEL"), productId, 1)), partner.secret(),
                    UUID.randomUUID().toString());
            notifications.add(() -> handler.handleRequest(event, null));
        }

        long conflicts = TransactionConflicts.cancelled();
        List<APIGatewayV2HTTPResponse> answers = inAwsConflicts(() -> Storm.run(notifications));
        conflicts = TransactionConflicts.cancelled() - conflicts;

        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.getStatusCode(), 1, Integer::sum));
        assertEquals(Map.of(200, PARALLEL_NOTIFICATIONS), statuses, conflicts + " transactions cancelled by a conflict");
        for (APIGatewayV2HTTPResponse answer : answers) {
            String body = answer.getIsBase64Encoded()
                    ? new String(Base64.getDecoder().decode(answer.getBody()), StandardCharsets.UTF_8)
                    : answer.getBody();
            assertTrue(Json.parse(body).path("payload").path("value").asText().startsWith("CODE-"), body);
        }
        LOG.infof("%d parallel notifications of a linked partner: %d transactions cancelled by a conflict",
                PARALLEL_NOTIFICATIONS, conflicts);
        assertEquals(Map.of("pending_payment", 0L, "active", 0L, "completed", (long) PARALLEL_NOTIFICATIONS,
                "cancelled", 0L), countedByStatus(buyer));
        assertEquals(countedByStatus(buyer), maintained(buyer), "the counts as the writes moved them");
        assertTrue(shards(buyer) > 1, "spread over the shards: " + shards(buyer));
        assertEquals(PARALLEL_NOTIFICATIONS, total(buyer, ""));
        assertEquals(PARALLEL_NOTIFICATIONS, total(buyer, "statuses=completed"));
        assertEquals(0, total(buyer, "statuses=active,pending_payment,cancelled"));

        // once set from the whole list (past the settling and the wait after the refused tries above), a page
        // reads every shard and its orders in one Query
        clock.advance(OrderReader.BACKFILL_RETRY.plus(OrderCounts.SETTLE));
        assertEquals(PARALLEL_NOTIFICATIONS, total(buyer, ""));
        assertTrue(Attrs.boolValue(counter(buyer), OrderCounts.COUNTED), counter(buyer).toString());
        Map<String, Long> before = DynamoCallCounter.snapshot();
        JsonNode page = list(buyer, "limit=20&statuses=completed");
        Map<String, Long> after = DynamoCallCounter.snapshot();
        assertEquals(20, page.path("items").size());
        assertEquals(PARALLEL_NOTIFICATIONS, page.path("total").asInt());
        assertEquals(before.get("Query") + 1, after.get("Query"));
        assertEquals(before.get("TransactWriteItems"), after.get("TransactWriteItems"));
        assertEquals(countedByStatus(buyer), maintained(buyer));
    }

    @Test
    void balancePaidOrdersOfOneUserInParallel_shouldAllBePaid_andBeCountedExactly_whenTransactionsConflictAsInAws()
            throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(PARALLEL_ORDERS);
        Buyer buyer = Orders.buyer(new BigDecimal("4990.00").multiply(BigDecimal.valueOf(PARALLEL_ORDERS))
                .toPlainString());
        List<Callable<String>> placements = new ArrayList<>();
        for (int i = 0; i < PARALLEL_ORDERS; i++) {
            placements.add(() -> place(buyer, stocked.productId()));
        }
        long conflicts = TransactionConflicts.cancelled();
        inAwsConflicts(() -> Storm.run(placements));
        LOG.infof("%d parallel balance-paid orders of one user: %d transactions cancelled by a conflict",
                PARALLEL_ORDERS, TransactionConflicts.cancelled() - conflicts);

        Map<String, Long> counted = countedByStatus(buyer);
        assertEquals(PARALLEL_ORDERS, counted.get("active") + counted.get("completed"), "every order paid: " + counted);
        assertEquals(counted, maintained(buyer), "the counts as the writes moved them");
        assertEquals(PARALLEL_ORDERS, total(buyer, ""));
        assertEquals(counted.get("completed").intValue(), total(buyer, "statuses=completed"));

        // the balance is one item: a completion that met a conflict on every attempt left its order active, paid;
        // the expiry job completes it
        clock.advance(Duration.ofMinutes(3));
        invoke(EXPIRY);
        assertEquals(Map.of("pending_payment", 0L, "active", 0L, "completed", (long) PARALLEL_ORDERS, "cancelled", 0L),
                countedByStatus(buyer));
        assertEquals(countedByStatus(buyer), maintained(buyer));
        assertEquals(PARALLEL_ORDERS, total(buyer, "statuses=completed"));
    }

    @Test
    void ordersPlacedBeforeTheCounts_shouldBeCountedOnceByTheFirstList_andThenMovedByEachWrite() throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(5);
        Buyer buyer = Orders.buyer("4990.00");
        place(buyer, stocked.productId());
        String waiting = place(buyer, stocked.productId());
        place(buyer, stocked.productId());
        forgetCounts(buyer);

        long calls = DynamoCallCounter.total();
        assertEquals(3, total(buyer, ""));
        // the buyer's key is kept by the warm container (account.KeyOwners) since its orders were placed
        assertEquals(3, DynamoCallCounter.total() - calls, "the list, then once the whole list and the write");
        Map<String, AttributeValue> counter = counter(buyer);
        assertTrue(Attrs.boolValue(counter, OrderCounts.COUNTED), counter.toString());
        assertEquals(Map.of("pending_payment", 2L, "active", 0L, "completed", 1L, "cancelled", 0L),
                maintained(buyer));

        calls = DynamoCallCounter.total();
        assertEquals(2, total(buyer, "statuses=pending_payment"));
        assertEquals(1, DynamoCallCounter.total() - calls, "set once: the list alone from then on (the key is kept)");

        place(buyer, stocked.productId());
        clock.advance(Duration.ofMinutes(31));
        invoke(EXPIRY);
        assertEquals(4, total(buyer, ""));
        assertEquals(3, total(buyer, "statuses=cancelled"));
        assertEquals("cancelled", status(buyer, waiting));
        assertEquals(countedByStatus(buyer), maintained(buyer));
    }

    @Test
    void countsStartedByAMoveOfAnOldOrder_shouldStillBeSetFromTheWholeList() throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(5);
        Buyer buyer = Orders.buyer(null);
        place(buyer, stocked.productId());
        place(buyer, stocked.productId());
        forgetCounts(buyer);
        clock.advance(Duration.ofMinutes(31));
        invoke(EXPIRY);
        Map<String, Long> started = maintained(buyer);
        assertEquals(2, started.get("cancelled"), "the moves counted: " + started);
        assertEquals(-2, started.get("pending_payment"), "but not the orders they moved: " + started);
        clock.advance(OrderCounts.SETTLE.plusSeconds(1));

        assertEquals(2, total(buyer, ""));
        assertEquals(0, total(buyer, "statuses=pending_payment"));
        assertEquals(Map.of("pending_payment", 0L, "active", 0L, "completed", 0L, "cancelled", 2L), maintained(buyer));
    }

    @Test
    void aFirstListSoonAfterAMove_shouldAnswerFromItsRead_setTheCountsOnlyOnceTheMoveHasSettled_andNotReadItAllMeanwhile() {
        Fixtures.Stocked stocked = Fixtures.product(5);
        Buyer buyer = Orders.buyer(null);
        place(buyer, stocked.productId());
        forgetCounts(buyer);
        place(buyer, stocked.productId());
        assertEquals(Map.of("pending_payment", 1L, "active", 0L, "completed", 0L, "cancelled", 0L), maintained(buyer),
                "the counts the second order started: not counted yet");

        // gsi1 may not show a move this recent to the list's read: its counts are not trusted as a baseline
        clock.advance(OrderCounts.SETTLE.minusSeconds(1));
        assertEquals(2, total(buyer, ""));
        assertTrue(!Attrs.boolValue(counter(buyer), OrderCounts.COUNTED), counter(buyer).toString());
        assertEquals(1L, maintained(buyer).get("pending_payment"));

        // refused once: for a while the lists count while reading (one Query, no whole-list read, no write)
        clock.advance(Duration.ofSeconds(2));
        Map<String, Long> before = DynamoCallCounter.snapshot();
        APIGatewayV2HTTPResponse waiting = get(buyer, "statuses=pending_payment");
        Map<String, Long> after = DynamoCallCounter.snapshot();
        assertEquals(2, Json.parse(waiting.getBody()).path("total").asInt(), "read to the end: exact");
        assertEquals(1, after.get("Query") - before.get("Query"));
        assertEquals(before.getOrDefault("UpdateItem", 0L), after.getOrDefault("UpdateItem", 0L));
        assertTrue(!Attrs.boolValue(counter(buyer), OrderCounts.COUNTED), counter(buyer).toString());

        clock.advance(OrderReader.BACKFILL_RETRY);
        assertEquals(2, total(buyer, ""));
        assertTrue(Attrs.boolValue(counter(buyer), OrderCounts.COUNTED), counter(buyer).toString());
        assertEquals(Map.of("pending_payment", 2L, "active", 0L, "completed", 0L, "cancelled", 0L), maintained(buyer));
    }

    @Test
    void countsWrittenBeforeTheShards_shouldCountAsShardZero_withoutAMigration() throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(5);
        Buyer buyer = Orders.buyer(null);
        place(buyer, stocked.productId());
        place(buyer, stocked.productId());
        forgetCounts(buyer);
        // the one item of before the shards, counted, as the list of a live table left it
        Map<String, AttributeValue> old = new HashMap<>(OrderCounts.key(buyer.userId(), 0));
        old.put(TableSchema.GSI1_PK, Attrs.s(OrderItems.userOrders(buyer.userId())));
        old.put(TableSchema.GSI1_SK, Attrs.s("~COUNT"));
        old.put(OrderCounts.VERSION, Attrs.n(2));
        old.put(OrderCounts.COUNTED, Attrs.bool(true));
        old.put("pending_payment", Attrs.n(2));
        dynamo.putItem(PutItemRequest.builder().tableName(config.table().name()).item(old).build());
        assertEquals("ORDERCOUNT", Attrs.str(old, TableSchema.SK));

        assertEquals(2, total(buyer, "statuses=pending_payment"));
        for (int i = 0; i < 6; i++) {
            place(buyer, stocked.productId());
        }
        clock.advance(Duration.ofMinutes(31));
        invoke(EXPIRY);

        assertEquals(8, total(buyer, ""));
        assertEquals(8, total(buyer, "statuses=cancelled"));
        assertEquals(countedByStatus(buyer), maintained(buyer));
        assertTrue(Attrs.boolValue(counter(buyer), OrderCounts.COUNTED), "still counted: " + counter(buyer));
    }

    @Test
    void firstListsRacingNewOrders_shouldLeaveTheCountsExact() throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(5);
        Buyer buyer = Orders.buyer(null);
        for (int i = 0; i < 3; i++) {
            place(buyer, stocked.productId());
        }
        for (int round = 0; round < 3; round++) {
            forgetCounts(buyer);
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> String.valueOf(total(buyer, "")));
                calls.add(() -> place(buyer, stocked.productId()));
            }
            Storm.run(calls);
            // past the settling of the last move and the wait after a refused backfill
            clock.advance(OrderReader.BACKFILL_RETRY.plus(OrderCounts.SETTLE));
            int orders = 3 + 6 * (round + 1);
            assertEquals(orders, total(buyer, ""), "round " + round);
            assertEquals(Map.of("pending_payment", (long) orders, "active", 0L, "completed", 0L, "cancelled", 0L),
                    maintained(buyer), "round " + round);
        }
    }

    @Test
    void aSandboxOrder_shouldLeaveTheListAndItsTotal_whenItsRetentionEnds_beforeTtlDeletesIt() throws Exception {
        Buyer buyer = Orders.buyer(null);
        Fixtures.Stocked stocked = Fixtures.product(1);
        JsonNode body = Orders.body(stocked.productId(), 1, null).put("isMock", true);
        APIGatewayV2HTTPResponse created = handler.handleRequest(Orders.event(buyer, body), null);
        assertEquals(200, created.getStatusCode(), created.getBody());
        String mockId = Json.parse(created.getBody()).path("id").asText();
        Instant createdAt = Instant.parse(Json.parse(created.getBody()).path("createdAt").asText());
        Instant leaves = createdAt.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(8));

        assertEquals(1, total(buyer, "statuses=completed"));
        clock.advance(Duration.between(clock.instant(), leaves).minusSeconds(1));
        assertEquals(1, total(buyer, ""));
        assertEquals(1, list(buyer, "").path("items").size());
        clock.advance(Duration.ofSeconds(2));

        assertEquals(0, total(buyer, ""));
        assertEquals(0, list(buyer, "").path("items").size());
        assertEquals(mockId, dynamo.getItem(GetItemRequest.builder().tableName(config.table().name())
                .key(OrderItems.key(mockId)).build()).item().get("orderId").s(), "still in the table, TTL-bound");
    }

    @Test
    void aFilterNoCountCovers_shouldCountWhatItReads_andSayWhenItsTotalIsALowerBound() throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(2);
        Buyer buyer = Orders.buyer("4990.00");
        String placed = place(buyer, stocked.productId());
        APIGatewayV2HTTPResponse few = get(buyer, "payment_method=balance");
        assertEquals(1, Json.parse(few.getBody()).path("total").asInt());
        assertNull(header(few, OrderResource.TOTAL_LOWER_BOUND_HEADER), "a short list is counted exactly");

        seed(buyer, placed, 150);
        APIGatewayV2HTTPResponse first = get(buyer, "payment_method=balance&limit=20");
        JsonNode page = Json.parse(first.getBody());
        assertEquals("true", header(first, OrderResource.TOTAL_LOWER_BOUND_HEADER));
        assertEquals(20, page.path("items").size());
        assertTrue(page.path("total").asInt() > 20 && page.path("total").asInt() < 151, page.path("total").toString());
        assertEquals(list(buyer, "limit=20").path("items"), page.path("items"), "the same newest twenty");

        APIGatewayV2HTTPResponse last = get(buyer, "payment_method=balance&limit=20&offset=140");
        assertEquals(151, Json.parse(last.getBody()).path("total").asInt(), "read to the end: exact");
        assertEquals(11, Json.parse(last.getBody()).path("items").size());
        assertNull(header(last, OrderResource.TOTAL_LOWER_BOUND_HEADER));
        assertEquals(151, total(buyer, ""), "no filter: the counts, exact");
    }

    @Test
    void anOffsetNearTheLargestInt_shouldAnswerAnEmptyPage_notWrapIntoANegativeQueryLimit() throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(1);
        Buyer buyer = Orders.buyer(null);
        place(buyer, stocked.productId());
        for (String query : List.of("offset=2147483647", "offset=2147483647&limit=100",
                "offset=2147483647&payment_method=balance", "offset=2147483647&statuses=pending_payment")) {
            JsonNode page = list(buyer, query);
            assertEquals(0, page.path("items").size(), query);
            assertEquals(2147483647, page.path("offset").asInt(), query);
        }
        assertEquals(1, total(buyer, "offset=2147483647"));
    }

        // ---- helpers -------------------------------------------------------------------------------------------

    private String place(Buyer buyer, String productId) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(Orders.event(buyer, Orders.body(productId, 1,
                null)), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.parse(response.getBody()).path("id").asText();
    }

    private String status(Buyer buyer, String orderId) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpEvents.api("GET", "/api/orders/" + orderId, "",
                buyer.apiKey(), null), null);
        return Json.parse(response.getBody()).path("status").asText();
    }

    private APIGatewayV2HTTPResponse get(Buyer buyer, String query) {
        APIGatewayV2HTTPEvent event = HttpEvents.api("GET", "/api/orders/", query, buyer.apiKey(), null);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return response;
    }

    private JsonNode list(Buyer buyer, String query) {
        return Json.parse(get(buyer, query).getBody());
    }

    private int total(Buyer buyer, String query) {
        return list(buyer, query).path("total").asInt();
    }

    private static String header(APIGatewayV2HTTPResponse response, String name) {
        Map<String, String> headers = new HashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((key, value) -> headers.put(key.toLowerCase(), value));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((key, values) -> headers.put(key.toLowerCase(),
                    String.join(",", values)));
        }
        return headers.get(name.toLowerCase());
    }

    /** An event straight into the Lambda handler, decoded by the handler's own mapper, as the runtime does. */
    private String invoke(String event) throws Exception {
        return ((InternalResult) handler.handleRequest(mapper.readValue(event, APIGatewayV2HTTPEvent.class), null))
                .json();
    }

    /** Runs {@code storm} with transactions cancelled on a conflict, as AWS cancels them (DynamoDB Local does not). */
    private static <T> T inAwsConflicts(Callable<T> storm) throws Exception {
        TransactionConflicts.emulate(true);
        try {
            return storm.call();
        } finally {
            TransactionConflicts.emulate(false);
        }
    }

    /** As if the buyer's orders predated the counts. */
    private void forgetCounts(Buyer buyer) {
        OrderSeeds.forgetCounts(dynamo, config.table().name(), buyer.userId());
    }

    /** Shard 0 of the buyer's counts, which the backfill marks {@code counted}; empty when absent. */
    private Map<String, AttributeValue> counter(Buyer buyer) {
        return shard(buyer, 0);
    }

    private Map<String, AttributeValue> shard(Buyer buyer, int shard) {
        return dynamo.getItem(GetItemRequest.builder().tableName(config.table().name())
                .key(OrderCounts.key(buyer.userId(), shard)).consistentRead(true).build()).item();
    }

    /** The counts the shards hold together, status by status (no sandbox orders here). */
    private Map<String, Long> maintained(Buyer buyer) {
        Map<String, Long> counts = new HashMap<>();
        for (OrderStatus status : OrderStatus.values()) {
            counts.put(status.wire(), 0L);
        }
        for (int shard = 0; shard < OrderCounts.SHARDS; shard++) {
            Map<String, AttributeValue> counter = shard(buyer, shard);
            for (OrderStatus status : OrderStatus.values()) {
                counts.merge(status.wire(), Attrs.longValue(counter, status.wire(), 0), Long::sum);
            }
        }
        return counts;
    }

    /** How many of the buyer's count shards exist. */
    private int shards(Buyer buyer) {
        int shards = 0;
        for (int shard = 0; shard < OrderCounts.SHARDS; shard++) {
            shards += shard(buyer, shard).isEmpty() ? 0 : 1;
        }
        return shards;
    }

    /** The buyer's orders counted one by one from the index, status by status. */
    private Map<String, Long> countedByStatus(Buyer buyer) {
        Map<String, Long> counts = new HashMap<>();
        for (OrderStatus status : OrderStatus.values()) {
            counts.put(status.wire(), 0L);
        }
        dynamo.queryPaginator(QueryRequest.builder().tableName(config.table().name()).indexName(TableSchema.GSI1)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attrs.s(OrderItems.userOrders(buyer.userId())))).build())
                .items().forEach(item -> {
                    if (!item.containsKey(OrderCounts.VERSION)) {
                        counts.merge(Attrs.str(item, "status"), 1L, Long::sum);
                    }
                });
        return counts;
    }

    /** {@code count} completed copies of the buyer's order {@code orderId}, older than it, with their counts. */
    private void seed(Buyer buyer, String orderId, int count) {
        String table = config.table().name();
        Map<String, AttributeValue> stored = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(OrderItems.key(orderId)).consistentRead(true).build()).item();
        Instant createdAt = Instant.parse(Attrs.str(stored, "createdAt"));
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(OrderSeeds.copy(items, stored,
                    createdAt.minusSeconds(i), OrderStatus.COMPLETED)).build()).build());
            if (writes.size() == 25 || i == count) {
                dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(table, writes)).build());
                writes = new ArrayList<>();
            }
        }
        forgetCounts(buyer);
    }
}
