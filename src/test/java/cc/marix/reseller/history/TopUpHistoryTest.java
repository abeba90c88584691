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

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.history.History.Call;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Merchant;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Top-ups under every DynamoDB fault, through each provider: paid ones reach us by callbacks (some sent twice at
 * once, some lost; Tribute and the merchant gateway send again after a 503, the exchanger's IPN is sent once and
 * never again) and by payment-reconcile's polls, under the same faults; then each paid top-up is credited exactly
 * once and every balance equals the paid top-ups and its ledger; Tribute's top-ups are some first said to be on
 * their way (the pending bucket), in any order with the rest, and pending ends holding exactly the unpaid ones said
 * so. Seeds, sizes and the soak: {@link Rounds}.
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
    void tributeTopUps_shouldCreditEachPaidOneOnce_byCallbackOrReconcile_underEveryFault() throws Exception {
        Rounds.run("tribute top-ups", (seed, size) -> topUpRound(Via.TRIBUTE, seed, size));
    }

    @Test
    void exchangerTopUps_shouldCreditEachPaidOneOnce_byTheOneIpnOrReconcile_underEveryFault() throws Exception {
        Rounds.run("exchanger top-ups", (seed, size) -> topUpRound(Via.EXCHANGER, seed, size));
    }

    @Test
    void merchantTopUps_shouldCreditEachPaidOneOnce_byCallbackOrReconcile_underEveryFault() throws Exception {
        Rounds.run("merchant top-ups", (seed, size) -> topUpRound(Via.MERCHANT, seed, size));
    }

    /** The provider a top-up is paid through, and how it calls back. */
    private enum Via {
        TRIBUTE("fiat", true),
        /** Sends each IPN once and never again, whatever we answer: reconcile finishes what an IPN could not. */
        EXCHANGER("crypto", false),
        MERCHANT("fiat", true);

        final String kind;
        final boolean retries;

        Via(String kind, boolean retries) {
            this.kind = kind;
            this.retries = retries;
        }
    }

    /**
     * One top-up: its buyer, the provider's order, ours, the amount, whether it is paid and its callback ever sent,
     * and where the exchanger sends its IPN and the secret it signs it with (null for the others).
     */
    private record TopUp(Buyer buyer, String providerId, String id, long rubles, boolean paid, boolean called,
            String ipnUrl, String ipnSecret) {
    }

    private History topUpRound(Via via, long seed, int size) throws Exception {
        Random random = new Random(seed);
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, size / 10); i++) {
            buyers.add(Orders.buyer(null));
        }
        List<TopUp> topUps = new ArrayList<>();
        List<Integer> callbacks = new ArrayList<>();
        Set<Integer> onItsWay = new HashSet<>();
        for (int i = 0; i < size / 2; i++) {
            boolean paid = random.nextDouble() < 0.8;
            // a lost callback is left to reconcile; a paid one may come twice, at once
            boolean called = paid && random.nextDouble() < 0.7;
            TopUp topUp = open(via, buyers.get(random.nextInt(buyers.size())), 100 + random.nextInt(900), paid,
                    called, random);
            topUps.add(topUp);
            if (called) {
                callbacks.add(i);
                if (random.nextDouble() < 0.4) {
                    callbacks.add(i);
                }
            }
            if (via == Via.TRIBUTE && random.nextDouble() < 0.5) {
                // "money received" (the pending bucket) is a callback of its own, before, after or beside "paid"
                onItsWay.add(i);
                callbacks.add(RECEIVED + i);
            }
        }
        Collections.shuffle(callbacks, random);

        History history = new History();
        Rounds.faultsOn(seed);
        Rounds.concurrently(callbacks, index -> {
            TopUp topUp = topUps.get(index % RECEIVED);
            APIGatewayV2HTTPEvent callback = index >= RECEIVED ? received(topUp) : callback(via, topUp);
            return via.retries
                    ? history.send(Integer.toString(index), topUp.providerId(), () -> handler.handleRequest(callback,
                            null))
                    : history.sendOnce(Integer.toString(index), topUp.providerId(),
                            () -> handler.handleRequest(callback, null));
        });
        for (int tick = 0; tick < 3; tick++) {
            // payment-reconcile's ticks as the schedule runs them, each due after its poll interval
            clock.advance(Duration.ofMinutes(3));
            Rounds.invokeUntilItSucceeds(RECONCILE);
        }
        Rounds.faultsOff();
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);

        checkCredits(via, history, topUps, onItsWay, buyers);
        return history;
    }

    /** Opens the top-up at the provider (faults off: the set-up, not the history) and says what the provider says. */
    private static TopUp open(Via via, Buyer buyer, long rubles, boolean paid, boolean called, Random random) {
        String quote = Long.toString(rubles);
        switch (via) {
            case TRIBUTE -> {
                String uuid = Rounds.uuid(random);
                String id = Tribute.topUp(buyer, quote, uuid).path("id").asText();
                Tribute.statusIs(uuid, paid ? "paid" : "pending");
                return new TopUp(buyer, uuid, id, rubles, paid, called, null, null);
            }
            case EXCHANGER -> {
                String orderId = Rounds.uuid(random).replace("-", "").substring(0, 24);
                String id = Exchanger.topUp(buyer, quote, orderId, "10").path("id").asText();
                Map<String, String> create = Exchanger.lastCreate();
                Exchanger.statusIs(orderId, paid ? "done" : "waitPayment", paid ? quote : "0");
                return new TopUp(buyer, orderId, id, rubles, paid, called, create.get("ipnUrl"),
                        create.get("ipnSecret"));
            }
            case MERCHANT -> {
                String uuid = Rounds.uuid(random);
                String id = Merchant.topUp(buyer, quote, uuid).path("id").asText();
                Merchant.statusIs(uuid, paid ? "success" : "pending", quote);
                return new TopUp(buyer, uuid, id, rubles, paid, called, null, null);
            }
            default -> throw new IllegalArgumentException(via.name());
        }
    }

    /** Tribute's "money received" callback: the top-up's quote goes to pending until it is paid or fails. */
    private static APIGatewayV2HTTPEvent received(TopUp topUp) {
        return Tribute.webhookEvent(Tribute.event("shop_order_payment_received", topUp.providerId(), null,
                topUp.rubles() * 100, "rub", "2026-11-23T10:00:00Z"));
    }

    /** The provider's "paid" callback, signed as it signs it. */
    private APIGatewayV2HTTPEvent callback(Via via, TopUp topUp) {
        String quote = Long.toString(topUp.rubles());
        return switch (via) {
            case TRIBUTE -> Tribute.webhookEvent(Tribute.paid(topUp.providerId(), topUp.rubles() * 100));
            case EXCHANGER -> Exchanger.ipnEvent(topUp.ipnUrl(), Exchanger.ipn(topUp.providerId(), "done", "10",
                    quote, "1795458000000", topUp.ipnSecret()));
            case MERCHANT -> Merchant.callbackEvent(Merchant.callback("success", quote, topUp.id(),
                    topUp.providerId()), clock.instant());
        };
    }

    private void checkCredits(Via via, History history, List<TopUp> topUps, Set<Integer> onItsWay,
            List<Buyer> buyers) {
        Map<Integer, Integer> credited = new HashMap<>();
        for (Call call : history.calls()) {
            if (via.retries) {
                assertEquals(200, call.status(), "a callback is answered 200 in the end: " + call);
            } else {
                assertTrue(call.status() == 200 || call.status() == 503, "an IPN is answered 200 or 503: " + call);
            }
            if (call.status() == 200 && "credited".equals(Json.parse(call.body()).path("result").asText())
                    && Integer.parseInt(call.operation()) < RECEIVED) {
                credited.merge(Integer.parseInt(call.operation()), 1, Integer::sum);
            }
        }
        credited.forEach((index, count) -> assertEquals(1, count, "credited by two callbacks: " + topUps.get(index)));
        Map<Buyer, BigDecimal> expected = new HashMap<>();
        Map<Buyer, BigDecimal> expectedPending = new HashMap<>();
        for (int i = 0; i < topUps.size(); i++) {
            TopUp topUp = topUps.get(i);
            if (!topUp.paid() && onItsWay.contains(i)) {
                expectedPending.merge(topUp.buyer(), BigDecimal.valueOf(topUp.rubles()), BigDecimal::add);
            }
            JsonNode stored = Json.parse(Orders.as(topUp.buyer()).get("/api/topups/" + via.kind + "/" + topUp.id())
                    .then().statusCode(200).extract().asString());
            assertEquals(topUp.paid() ? "completed" : "pending", stored.path("status").asText(),
                    topUp + " " + stored);
            if (topUp.paid()) {
                BigDecimal quote = BigDecimal.valueOf(topUp.rubles());
                assertEquals(0, quote.compareTo(new BigDecimal(stored.path("creditedAmount").asText())),
                        "the quote credited: " + stored);
                expected.merge(topUp.buyer(), quote, BigDecimal::add);
            }
        }
        for (Buyer buyer : buyers) {
            Map<String, BigDecimal> balance = books.checkBalanced(buyer);
            BigDecimal want = expected.getOrDefault(buyer, BigDecimal.ZERO);
            assertEquals(0, want.compareTo(balance.getOrDefault("available", BigDecimal.ZERO)),
                    "each paid top-up credited once: " + buyer + " " + balance);
            assertEquals(0, expectedPending.getOrDefault(buyer, BigDecimal.ZERO)
                    .compareTo(balance.getOrDefault("pending", BigDecimal.ZERO)),
                    "pending holds the unpaid top-ups said to be on their way, once each: " + buyer + " " + balance);
        }
    }
}
