package cc.marix.reseller.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.history.History.Call;
import cc.marix.reseller.local.LambdaInvocationException;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Tribute top-ups under every DynamoDB fault: paid ones reach us by callbacks (some sent twice at once, some lost)
 * and by payment-reconcile's polls, under the same faults; some are first said to be on their way (the pending
 * bucket), in any order with the rest; then each paid top-up is credited exactly once, pending holds exactly the
 * unpaid ones said to be on their way, and every bucket equals its ledger. Seeds, sizes and the soak:
 * {@link Rounds}.
 */
@QuarkusTest
class TopUpHistoryTest {

    private static final String RECONCILE = "{\"job\": \"payment-reconcile\"}";
    /** A "money received" callback's operation is its top-up's index plus this. */
    private static final int RECEIVED = 100_000;

    @Inject
    LambdaHttpHandler handler;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    @BeforeEach
    void front() {
        TestStack.useHttpFront();
    }

    @AfterEach
    void faultsOff() {
        Rounds.faultsOff();
    }

    @Test
    void tributeTopUps_shouldCreditEachPaidOneOnce_byCallbackOrReconcile_underEveryFault() throws Exception {
        Rounds.run("tribute top-ups", this::topUpRound);
    }

    /**
     * One top-up: its buyer, Tribute's order, the amount, whether it is paid and its callback ever sent, and whether
     * Tribute said its money was received first.
     */
    private record TopUp(Buyer buyer, String uuid, String id, long rubles, boolean paid, boolean called,
            boolean onItsWay) {
    }

    private History topUpRound(long seed, int size) throws Exception {
        Random random = new Random(seed);
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, size / 10); i++) {
            buyers.add(Orders.buyer(null));
        }
        List<TopUp> topUps = new ArrayList<>();
        List<Integer> callbacks = new ArrayList<>();
        for (int i = 0; i < size / 2; i++) {
            Buyer buyer = buyers.get(random.nextInt(buyers.size()));
            String uuid = Rounds.uuid(random);
            long rubles = 100 + random.nextInt(900);
            String id = Tribute.topUp(buyer, Long.toString(rubles), uuid).path("id").asText();
            boolean paid = random.nextDouble() < 0.8;
            Tribute.statusIs(uuid, paid ? "paid" : "pending");
            // a lost callback is left to reconcile; a paid one may come twice, at once
            boolean called = paid && random.nextDouble() < 0.7;
            boolean onItsWay = random.nextDouble() < 0.5;
            topUps.add(new TopUp(buyer, uuid, id, rubles, paid, called, onItsWay));
            if (called) {
                callbacks.add(i);
                if (random.nextDouble() < 0.4) {
                    callbacks.add(i);
                }
            }
            if (onItsWay) {
                // "money received" is a callback of its own, before, after or beside "paid"
                callbacks.add(RECEIVED + i);
            }
        }
        Collections.shuffle(callbacks, random);

        History history = new History();
        Rounds.faultsOn(seed);
        Rounds.concurrently(callbacks, index -> history.send(Integer.toString(index),
                topUps.get(index % RECEIVED).uuid(), () -> handler.handleRequest(index >= RECEIVED
                        ? received(topUps.get(index - RECEIVED)) : callback(topUps.get(index)), null)));
        reconcile();
        Rounds.faultsOff();
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);

        checkCredits(history, topUps, buyers);
        return history;
    }

    private static APIGatewayV2HTTPEvent callback(TopUp topUp) {
        return signed(Tribute.paid(topUp.uuid(), topUp.rubles() * 100));
    }

    private static APIGatewayV2HTTPEvent received(TopUp topUp) {
        return signed(Tribute.event("shop_order_payment_received", topUp.uuid(), null, topUp.rubles() * 100, "rub",
                "2026-11-23T10:00:00Z"));
    }

    private static APIGatewayV2HTTPEvent signed(Object event) {
        byte[] body = Json.write(event).getBytes(StandardCharsets.UTF_8);
        return HttpEvents.event("POST", "/callbacks/tribute", "", Map.of("content-type", "application/json",
                "trbt-signature", Tribute.sign(body, Tribute.API_KEY)), body);
    }

    /** payment-reconcile's ticks as the schedule runs them, each due after its poll interval, under the faults. */
    private void reconcile() {
        for (int tick = 0; tick < 3; tick++) {
            clock.advance(Duration.ofMinutes(3));
            for (int attempt = 0;; attempt++) {
                try {
                    TestStack.invoke(RECONCILE);
                    break;
                } catch (LambdaInvocationException e) {
                    assertTrue(attempt < History.ATTEMPTS, "payment-reconcile kept failing: " + e.getMessage());
                }
            }
        }
    }

    private void checkCredits(History history, List<TopUp> topUps, List<Buyer> buyers) {
        Map<Integer, Integer> credited = new HashMap<>();
        for (Call call : history.calls()) {
            assertEquals(200, call.status(), "a callback is answered 200 in the end: " + call);
            if ("credited".equals(Json.parse(call.body()).path("result").asText())
                    && Integer.parseInt(call.operation()) < RECEIVED) {
                credited.merge(Integer.parseInt(call.operation()), 1, Integer::sum);
            }
        }
        credited.forEach((index, count) -> assertEquals(1, count, "credited by two callbacks: " + topUps.get(index)));
        Map<Buyer, BigDecimal> expected = new HashMap<>();
        Map<Buyer, BigDecimal> expectedPending = new HashMap<>();
        for (TopUp topUp : topUps) {
            JsonNode stored = Json.parse(Orders.as(topUp.buyer()).get("/api/topups/fiat/" + topUp.id()).then()
                    .statusCode(200).extract().asString());
            assertEquals(topUp.paid() ? "completed" : "pending", stored.path("status").asText(),
                    topUp + " " + stored);
            if (topUp.paid()) {
                expected.merge(topUp.buyer(), BigDecimal.valueOf(topUp.rubles()), BigDecimal::add);
            } else if (topUp.onItsWay()) {
                expectedPending.merge(topUp.buyer(), BigDecimal.valueOf(topUp.rubles()), BigDecimal::add);
            }
        }
        for (Buyer buyer : buyers) {
            BigDecimal balance = balance(buyer, "available");
            BigDecimal want = expected.getOrDefault(buyer, BigDecimal.ZERO);
            assertEquals(0, want.compareTo(balance), "each paid top-up credited once: " + buyer);
            assertEquals(0, balance.compareTo(ledger(buyer, "available")), "available differs from its ledger: "
                    + buyer);
            BigDecimal pending = balance(buyer, "pending");
            assertEquals(0, expectedPending.getOrDefault(buyer, BigDecimal.ZERO).compareTo(pending),
                    "pending holds the unpaid top-ups said to be on their way, once each: " + buyer);
            assertEquals(0, pending.compareTo(ledger(buyer, "pending")), "pending differs from its ledger: " + buyer);
        }
    }

    private BigDecimal balance(Buyer buyer, String bucket) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key("USER#" + buyer.userId(), "BALANCE#rub")).consistentRead(true).build()).item();
        return item != null && item.containsKey(bucket) ? Attrs.decimal(item, bucket) : BigDecimal.ZERO;
    }

    private BigDecimal ledger(Buyer buyer, String bucket) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, AttributeValue> entry : dynamo.queryPaginator(QueryRequest.builder()
                .tableName(config.table().name()).keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s("USER#" + buyer.userId()), ":ledger",
                        Attrs.s("LEDGER#")))
                .consistentRead(true).build()).items()) {
            if (bucket.equals(Attrs.str(entry, "bucket")) && "rub".equals(Attrs.str(entry, "currency"))) {
                sum = sum.add(Attrs.decimal(entry, "amount"));
            }
        }
        return sum;
    }
}
