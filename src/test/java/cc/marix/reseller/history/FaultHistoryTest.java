package cc.marix.reseller.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.history.History.Call;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Jepsen-style history checks: mixed concurrent workloads run with every DynamoDB fault on, clients retry each 503
 * with the same event or idempotency key, the scheduled jobs run until they succeed, and then the table is held
 * against what every client was answered. Seeds, sizes and the soak: {@link Rounds}.
 */
@QuarkusTest
class FaultHistoryTest {

    private static final BigDecimal PRICE = new BigDecimal("4990.00");
    private static final String EXPIRY = "{\"job\": \"order-expiry\"}";

    @Inject
    LambdaHttpHandler handler;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    private Books books;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        books = new Books(dynamo, config.table().name());
    }

    @AfterEach
    void faultsOff() {
        Rounds.faultsOff();
    }

    @Test
    void partnerWebhooks_shouldDeliverEachCodeOnceAndReplayEachAnswer_underEveryFault() throws Exception {
        Rounds.run("partner webhooks", this::partnerRound);
    }

    @Test
    void balanceOrders_shouldKeepEveryBalanceEqualToItsLedgerAndChargeOnce_underEveryFault() throws Exception {
        Rounds.run("balance orders", this::balanceRound);
    }

    @Test
    void balanceOrders_shouldHoldEveryInvariant_whenBurstsBring503sToTheClientAndItSendsAgain() throws Exception {
        Rounds.runWithBursts("balance orders", this::balanceRound);
    }

    // ---- partner webhooks: products running out of codes, duplicate events, duplicate external orders

    /** One partner order as the partner meant it; sent once, again under its event, again under a fresh event. */
    private record PartnerOrder(String externalOrderId, String productId, int qty, byte[] body) {
    }

    private record Send(int order, String eventId) {
    }

    private History partnerRound(long seed, int size) throws Exception {
        Random random = new Random(seed);
        int codesEach = Math.max(2, size / 4);
        List<Stocked> products = List.of(Fixtures.product(codesEach), Fixtures.product(codesEach),
                Fixtures.product(codesEach));
        TestPartner partner = Fixtures.partner(products.stream().map(Stocked::productId).toArray(String[]::new));
        List<PartnerOrder> orders = new ArrayList<>();
        List<Send> sends = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String productId = products.get(random.nextInt(products.size())).productId();
            ObjectNode body = Notifications.orderPaid("H-" + seed + "-" + i, productId, 1 + random.nextInt(2));
            orders.add(new PartnerOrder(body.path("externalOrderId").asText(), productId, body.path("qty").asInt(),
                    Notifications.bytes(body)));
            String eventId = Rounds.uuid(random);
            sends.add(new Send(i, eventId));
            if (random.nextDouble() < 0.3) {
                sends.add(new Send(i, eventId));
            }
            if (random.nextDouble() < 0.25) {
                sends.add(new Send(i, Rounds.uuid(random)));
            }
        }
        Collections.shuffle(sends, random);

        History history = new History();
        Rounds.faultsOn(seed);
        Rounds.concurrently(sends, send -> history.send(Integer.toString(send.order()), send.eventId(), () -> {
            PartnerOrder order = orders.get(send.order());
            return handler.handleRequest(Notifications.event(partner.slug(), order.body(), partner.secret(),
                    send.eventId()), null);
        }));
        Rounds.faultsOff();

        checkPartnerHistory(history, orders, products);
        return history;
    }

    private void checkPartnerHistory(History history, List<PartnerOrder> orders, List<Stocked> products) {
        Map<String, String> codeOwner = new HashMap<>();
        Map<String, Integer> deliveredByProduct = new HashMap<>();
        for (Map.Entry<String, List<Call>> entry : history.byOperation().entrySet()) {
            PartnerOrder order = orders.get(Integer.parseInt(entry.getKey()));
            List<Call> calls = entry.getValue();
            Set<Integer> statuses = new HashSet<>();
            calls.forEach(call -> statuses.add(call.status()));
            String what = "order " + order.externalOrderId() + " answered " + calls;
            assertTrue(Set.of(200).containsAll(statuses) || Set.of(409).containsAll(statuses),
                    "one order is either delivered to every request or out of stock for every one: " + what);
            if (statuses.contains(409)) {
                calls.forEach(call -> assertEquals("out_of_stock", Json.parse(call.body()).path("reason").asText(),
                        what));
                continue;
            }
            JsonNode first = Json.parse(calls.get(0).body());
            String orderId = first.path("orderId").asText();
            List<String> codes = payloads(first);
            assertEquals(order.qty(), codes.size(), what);
            Map<String, String> bodyByEvent = new HashMap<>();
            for (Call call : calls) {
                JsonNode answer = Json.parse(call.body());
                assertEquals(orderId, answer.path("orderId").asText(), "one order per external order: " + what);
                assertEquals(codes, payloads(answer), "the same codes in every answer: " + what);
                String earlier = bodyByEvent.putIfAbsent(call.request(), call.body());
                assertTrue(earlier == null || earlier.equals(call.body()),
                        "a replayed event must be answered identically: " + what);
            }
            // at most one request is answered as the one that delivered: a request whose own transaction committed
            // and lost its answer may learn of it from the conditions, and is then answered as a replay
            assertTrue(calls.stream().filter(call -> !call.replayed()).count() <= 1,
                    "two requests answered as the one that delivered: " + what);
            Map<String, AttributeValue> stored = books.item("ORDER#" + orderId, "ORDER");
            assertEquals("completed", Attrs.str(stored, "status"), what);
            assertEquals(codes, stored.get("codes").l().stream().map(code -> code.m().get("value").s()).toList(),
                    "the stored order holds exactly the answered codes: " + what);
            for (String code : codes) {
                String owner = codeOwner.putIfAbsent(code, orderId);
                assertTrue(owner == null, "code in two orders, " + owner + " and " + orderId);
            }
            deliveredByProduct.merge(order.productId(), codes.size(), Integer::sum);
        }
        for (Stocked product : products) {
            int delivered = deliveredByProduct.getOrDefault(product.productId(), 0);
            JsonNode stock = Fixtures.stock(product.productId());
            assertEquals(delivered, stock.path("delivered").asLong(), "delivered counter " + stock);
            assertEquals(product.codes().size() - delivered, stock.path("available").asLong(),
                    "available counter " + stock);
        }
        Set<String> stocked = new HashSet<>();
        products.forEach(product -> stocked.addAll(product.codes()));
        assertTrue(stocked.containsAll(codeOwner.keySet()), "every delivered code came from the stock");
    }

    private static List<String> payloads(JsonNode answer) {
        List<String> values = new ArrayList<>();
        if (answer.has("payloads")) {
            answer.path("payloads").forEach(payload -> values.add(payload.path("value").asText()));
        } else {
            values.add(answer.path("payload").path("value").asText());
        }
        return values;
    }

    // ---- API orders with idempotency keys racing balances that cover only some

    private record KeyedOrder(Buyer buyer, ObjectNode body) {
    }

    private History balanceRound(long seed, int size) throws Exception {
        Random random = new Random(seed);
        Stocked stocked = Fixtures.product(size + 1);
        int buyers = Math.max(1, size / 10);
        List<Buyer> accounts = new ArrayList<>();
        Map<Buyer, Integer> affordable = new HashMap<>();
        for (int i = 0; i < buyers; i++) {
            int covers = 1 + random.nextInt(4);
            Buyer buyer = Orders.buyer(PRICE.multiply(BigDecimal.valueOf(covers)).toPlainString());
            accounts.add(buyer);
            affordable.put(buyer, covers);
        }
        List<KeyedOrder> orders = new ArrayList<>();
        List<Integer> sends = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            orders.add(new KeyedOrder(accounts.get(random.nextInt(buyers)),
                    Orders.body(stocked.productId(), 1, "h-" + seed + "-" + i)));
            sends.add(i);
            if (random.nextDouble() < 0.3) {
                sends.add(i);
            }
        }
        Collections.shuffle(sends, random);

        History history = new History();
        Rounds.faultsOn(seed);
        Rounds.concurrently(sends, index -> history.send(Integer.toString(index), orders.get(index).body()
                .path("idempotencyKey").asText(), () -> handler.handleRequest(Orders.event(
                        orders.get(index).buyer(), orders.get(index).body()), null)));
        clock.advance(Duration.ofMinutes(31));
        // order-expiry as its schedule runs it, under the same faults, until a run handles everything it found
        Rounds.invokeUntil(EXPIRY, answer -> answer.path("failed").asInt() == 0);
        Rounds.faultsOff();

        checkBalanceHistory(history, orders, accounts, affordable, stocked);
        return history;
    }

    private void checkBalanceHistory(History history, List<KeyedOrder> orders, List<Buyer> accounts,
            Map<Buyer, Integer> affordable, Stocked stocked) {
        Map<Buyer, Integer> completed = new HashMap<>();
        Set<String> codes = new HashSet<>();
        for (Map.Entry<String, List<Call>> entry : history.byOperation().entrySet()) {
            KeyedOrder order = orders.get(Integer.parseInt(entry.getKey()));
            String what = "key " + order.body().path("idempotencyKey").asText() + " answered " + entry.getValue();
            Set<String> ids = new HashSet<>();
            for (Call call : entry.getValue()) {
                assertEquals(200, call.status(), what);
                ids.add(Json.parse(call.body()).path("id").asText());
            }
            assertEquals(1, ids.size(), "one order per idempotency key: " + what);
            String orderId = ids.iterator().next();
            JsonNode stored = Json.parse(Orders.as(order.buyer()).get("/api/orders/" + orderId).then()
                    .statusCode(200).extract().asString());
            String status = stored.path("status").asText();
            BigDecimal charged = books.charged(order.buyer(), orderId);
            if ("completed".equals(status)) {
                completed.merge(order.buyer(), 1, Integer::sum);
                assertEquals(0, PRICE.negate().compareTo(charged), "charged exactly once: " + what + " " + stored);
                stored.path("items").path(0).path("externalData").forEach(code -> assertTrue(codes.add(code.asText()),
                        "code in two orders: " + stored));
            } else {
                assertEquals("cancelled", status, "after recovery an order is completed or cancelled: " + stored);
                assertEquals(0, charged.signum(), "a cancelled order costs nothing: " + what);
            }
        }
        for (Buyer buyer : accounts) {
            Map<String, BigDecimal> balance = books.checkBalanced(buyer);
            books.checkOrderCounts(buyer);
            int done = completed.getOrDefault(buyer, 0);
            int orderedBy = (int) orders.stream().filter(order -> order.buyer().equals(buyer)).count();
            assertEquals(Math.min(affordable.get(buyer), orderedBy), done,
                    "the balance pays for as many orders as it covers: " + balance);
        }
        assertTrue(stocked.codes().containsAll(codes));
        JsonNode stock = Fixtures.stock(stocked.productId());
        assertEquals(codes.size(), stock.path("delivered").asLong(), "delivered counter " + stock);
        assertEquals(stocked.codes().size() - codes.size(), stock.path("available").asLong(), stock.toString());
    }
}
