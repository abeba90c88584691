package cc.marix.reseller.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Singleton;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.history.History.Call;
import cc.marix.reseller.local.LambdaInvocationException;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Merchant;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * API orders paid through a provider while their payment window closes: buyers without the money create orders
 * ({@code pending_payment}) and open payment pages, some pay in time, some after the window (their "paid" callback
 * races order-expiry), some whose callback is lost (payment-reconcile finds the payment, after the expiry), some
 * only after reconcile closed the payment (a late poll finds it), some never. All of it under every DynamoDB fault,
 * with clients and providers sending again after a 503. Then every order is either completed and charged once (its
 * code delivered once) or cancelled and charged nothing, the money of a payment that came too late for its order is
 * in the available balance once, and every balance equals its ledger with nothing left reserved. A bean, so the
 * test classes of each provider (each with the profile that makes it the order provider) only name it.
 */
@Singleton
class OrderPaymentRound {

    static final BigDecimal PRICE = new BigDecimal("4990.00");
    private static final String EXPIRY = "{\"job\": \"order-expiry\"}";
    private static final String RECONCILE = "{\"job\": \"payment-reconcile\"}";
    /** Concurrent order-expiry runs among the late callbacks: the schedule's tick and its retries. */
    private static final int EXPIRY_RUNS = 3;

    /** The provider that takes order payments ({@code app.payments.order-provider}), as the tests play it. */
    enum Via {
        TRIBUTE {
            @Override
            void willCreate() {
                Tribute.willCreateFresh();
            }

            @Override
            void says(Payment payment, boolean paid) {
                Tribute.statusIs(payment.token(), paid ? "paid" : "pending");
            }

            @Override
            APIGatewayV2HTTPEvent paid(Payment payment, Clock clock) {
                return Tribute.webhookEvent(Tribute.paid(payment.token(), PRICE.movePointRight(2).longValueExact()));
            }
        },
        MERCHANT {
            @Override
            void willCreate() {
                Merchant.willCreateFresh();
            }

            @Override
            void says(Payment payment, boolean paid) {
                Merchant.statusIs(payment.token(), paid ? "success" : "pending", PRICE.toPlainString());
            }

            @Override
            APIGatewayV2HTTPEvent paid(Payment payment, Clock clock) {
                return Merchant.callbackEvent(Merchant.callback("success", PRICE.toPlainString(), payment.id(),
                        payment.token()), clock.instant());
            }
        };

        /** Every payment page opened from now on is a fresh provider order. */
        abstract void willCreate();

        /** What the provider's status call answers for the payment from now on. */
        abstract void says(Payment payment, boolean paid);

        /** The provider's "paid" callback, signed as it signs it, now. */
        abstract APIGatewayV2HTTPEvent paid(Payment payment, Clock clock);
    }

    /** What becomes of an order. */
    private enum Fate {
        /** No payment page is ever opened: the expiry cancels it. */
        NEVER_OPENED,
        /** A page is opened and never paid. */
        UNPAID,
        /** Paid, and its callback comes before the window closes. */
        IN_TIME,
        /** Paid, and its callback comes after the window closed, racing order-expiry. */
        LATE,
        /** Paid after the window closed, its callback lost: payment-reconcile's poll finds it. */
        LATE_LOST,
        /** Paid only after reconcile closed the payment expired, its callback lost: a late poll finds it. */
        AFTER_CLOSE;

        boolean paid() {
            return this != NEVER_OPENED && this != UNPAID;
        }
    }

    record Payment(String id, String token) {
    }

    private record PayOrder(Buyer buyer, ObjectNode body, Fate fate) {

        String key() {
            return body.path("idempotencyKey").asText();
        }
    }

    private final LambdaHttpHandler handler;
    private final Books books;
    private final TestClock clock;

    OrderPaymentRound(LambdaHttpHandler handler, DynamoDbClient dynamo, AppConfig config, TestClock clock) {
        this.handler = handler;
        this.books = new Books(dynamo, config.table().name());
        this.clock = clock;
    }

    /** The rounds through {@code via}, which must be the application's order provider. */
    void run(String workload, Via via, boolean bursts) throws Exception {
        TestStack.useHttpFront();
        try {
            if (bursts) {
                Rounds.runWithBursts(workload, (seed, size) -> round(via, seed, size));
            } else {
                Rounds.run(workload, (seed, size) -> round(via, seed, size));
            }
        } finally {
            Rounds.faultsOff();
        }
    }

    private History round(Via via, long seed, int size) throws Exception {
        Random random = new Random(seed);
        int count = Math.max(6, size / 3);
        Catalogs.baselineRate();
        // a code for every order: what is under test is the window, not the stock
        Stocked stocked = Fixtures.product(count);
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, size / 10); i++) {
            buyers.add(Orders.buyer(null));
        }
        List<PayOrder> orders = new ArrayList<>();
        Fate[] fates = Fate.values();
        for (int i = 0; i < count; i++) {
            orders.add(new PayOrder(buyers.get(random.nextInt(buyers.size())),
                    Orders.body(stocked.productId(), 1, "p-" + seed + "-" + i), fates[random.nextInt(fates.length)]));
        }
        via.willCreate();

        History history = new History();
        Rounds.faultsOn(seed);
        List<String> orderIds = create(history, orders, random);
        Map<Integer, Payment> payments = pay(history, orders, orderIds, random);
        payments.forEach((index, payment) -> via.says(payment, orders.get(index).fate() != Fate.UNPAID
                && orders.get(index).fate() != Fate.AFTER_CLOSE));
        Rounds.concurrently(copies(payments, orders, Fate.IN_TIME, random), index -> callback(history, via, index,
                payments.get(index)));
        clock.advance(Duration.ofMinutes(31));
        raceTheExpiry(history, via, orders, payments, random);
        recover(via, orders, payments);

        check(history, orders, orderIds, payments, stocked, buyers);
        return history;
    }

    /** The buyers create their orders with idempotency keys, some twice at once: one order each, unpaid. */
    private List<String> create(History history, List<PayOrder> orders, Random random) throws Exception {
        List<Integer> sends = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            sends.add(i);
            if (random.nextDouble() < 0.2) {
                sends.add(i);
            }
        }
        Collections.shuffle(sends, random);
        Rounds.concurrently(sends, index -> history.send("create " + index, orders.get(index).key(),
                () -> handler.handleRequest(Orders.event(orders.get(index).buyer(), orders.get(index).body()), null)));
        List<String> orderIds = new ArrayList<>();
        Map<String, List<Call>> calls = history.byOperation();
        for (int i = 0; i < orders.size(); i++) {
            Set<String> ids = new HashSet<>();
            for (Call call : calls.get("create " + i)) {
                assertEquals(200, call.status(), "create " + i + ": " + call);
                JsonNode order = Json.parse(call.body());
                assertEquals("pending_payment", order.path("status").asText(), "no money, no order paid: " + call);
                ids.add(order.path("id").asText());
            }
            assertEquals(1, ids.size(), "one order per idempotency key: " + calls.get("create " + i));
            orderIds.add(ids.iterator().next());
        }
        return orderIds;
    }

    /** Each order but the never-opened ones gets its payment page, some asked for twice at once: one payment each. */
    private Map<Integer, Payment> pay(History history, List<PayOrder> orders, List<String> orderIds, Random random)
            throws Exception {
        List<Integer> sends = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            if (orders.get(i).fate() != Fate.NEVER_OPENED) {
                sends.add(i);
                if (random.nextDouble() < 0.3) {
                    sends.add(i);
                }
            }
        }
        Collections.shuffle(sends, random);
        Rounds.concurrently(sends, index -> history.send("pay " + index, orderIds.get(index),
                () -> handler.handleRequest(HttpEvents.api("POST", "/api/orders/" + orderIds.get(index) + "/pay", "",
                        orders.get(index).buyer().apiKey(), null), null)));
        Map<Integer, Payment> payments = new HashMap<>();
        history.byOperation().forEach((operation, calls) -> {
            if (!operation.startsWith("pay ")) {
                return;
            }
            Set<Payment> answered = new HashSet<>();
            for (Call call : calls) {
                assertEquals(200, call.status(), operation + ": " + call);
                JsonNode page = Json.parse(call.body());
                answered.add(new Payment(page.path("id").asText(), page.path("confirmationToken").asText()));
            }
            assertEquals(1, answered.size(), "every request for an order's page answers its one payment: " + calls);
            payments.put(Integer.parseInt(operation.substring("pay ".length())), answered.iterator().next());
        });
        return payments;
    }

    /** The orders of {@code fate} whose callback is sent, some twice at once, shuffled. */
    private static List<Integer> copies(Map<Integer, Payment> payments, List<PayOrder> orders, Fate fate,
            Random random) {
        List<Integer> sends = new ArrayList<>();
        for (Integer index : payments.keySet()) {
            if (orders.get(index).fate() == fate) {
                sends.add(index);
                if (random.nextDouble() < 0.3) {
                    sends.add(index);
                }
            }
        }
        Collections.sort(sends);
        Collections.shuffle(sends, random);
        return sends;
    }

    /** The provider's "paid" callback, sent again after a 503 as Tribute and the gateway do. */
    private Call callback(History history, Via via, int index, Payment payment) {
        return history.send("paid " + index, payment.token(), () -> handler.handleRequest(via.paid(payment, clock),
                null));
    }

    /** With the window closed, the late callbacks and order-expiry's runs at once: each order goes one way. */
    private void raceTheExpiry(History history, Via via, List<PayOrder> orders, Map<Integer, Payment> payments,
            Random random) throws Exception {
        List<Integer> sends = copies(payments, orders, Fate.LATE, random);
        for (int run = 0; run < EXPIRY_RUNS; run++) {
            sends.add(random.nextInt(sends.size() + 1), -1);
        }
        Rounds.concurrently(sends, index -> {
            if (index >= 0) {
                return callback(history, via, index, payments.get(index));
            }
            try {
                TestStack.invoke(EXPIRY);
            } catch (LambdaInvocationException e) {
                // a failed run is the next tick's to finish
            }
            return null;
        });
    }

    /**
     * The scheduled jobs finish the rest, under the faults: order-expiry until a run handles all it found;
     * payment-reconcile's ticks (the lost callbacks); reconcile closing the unpaid payments after their grace;
     * the buyers who pay after that close, found by the late poll. Then, faults off, the schedule's next ticks.
     */
    private void recover(Via via, List<PayOrder> orders, Map<Integer, Payment> payments) {
        Rounds.invokeUntil(EXPIRY, answer -> answer.path("failed").asInt() == 0);
        for (int tick = 0; tick < 3; tick++) {
            clock.advance(Duration.ofMinutes(3));
            Rounds.invokeUntilItSucceeds(RECONCILE);
        }
        clock.advance(Duration.ofMinutes(20));
        Rounds.invokeUntilItSucceeds(RECONCILE);
        payments.forEach((index, payment) -> {
            if (orders.get(index).fate() == Fate.AFTER_CLOSE) {
                via.says(payment, true);
            }
        });
        clock.advance(Duration.ofMinutes(61));
        Rounds.invokeUntilItSucceeds(RECONCILE);
        Rounds.faultsOff();
        // a late look whose run failed after filing the next one is taken at that next look (6 h)
        clock.advance(Duration.ofHours(6));
        TestStack.invoke(EXPIRY);
        TestStack.invoke(RECONCILE);
    }

    private void check(History history, List<PayOrder> orders, List<String> orderIds, Map<Integer, Payment> payments,
            Stocked stocked, List<Buyer> buyers) {
        Map<String, List<Call>> calls = history.byOperation();
        Map<Buyer, BigDecimal> toBalance = new HashMap<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < orders.size(); i++) {
            PayOrder order = orders.get(i);
            String orderId = orderIds.get(i);
            List<Call> callbacks = calls.getOrDefault("paid " + i, List.of());
            JsonNode stored = Json.parse(Orders.as(order.buyer()).get("/api/orders/" + orderId).then()
                    .statusCode(200).extract().asString());
            String what = "order " + orderId + " (" + order.fate() + ", payment " + payments.get(i) + ", callbacks "
                    + callbacks + "): " + stored;
            checkCallbacks(callbacks, what);
            List<Map<String, AttributeValue>> entries = books.orderEntries(order.buyer(), orderId);
            String status = stored.path("status").asText();
            if (!order.fate().paid()) {
                assertEquals("cancelled", status, what);
                assertEquals("payment_expired", stored.path("cancelReason").asText(), what);
                assertTrue(entries.isEmpty(), "an unpaid order moves no money: " + entries + " " + what);
                continue;
            }
            assertEquals("completed", payment(payments.get(i)).get("status").s(), "the paid payment: " + what);
            if (order.fate() == Fate.IN_TIME) {
                assertEquals("completed", status, "paid in time: " + what);
            }
            if ("completed".equals(status)) {
                checkChargedOnce(entries, what);
                JsonNode delivered = stored.path("items").path(0).path("externalData");
                assertEquals(1, delivered.size(), what);
                assertTrue(codes.add(delivered.path(0).asText()), "code in two orders: " + what);
            } else {
                assertEquals("cancelled", status, "after recovery a paid order is completed or cancelled: " + what);
                assertEquals("payment_expired", stored.path("cancelReason").asText(), what);
                assertEquals(1, entries.size(), "the late payment credited once, nothing charged: " + entries + " "
                        + what);
                assertEquals("available", Attrs.str(entries.get(0), "bucket"), what);
                assertEquals(0, PRICE.compareTo(Attrs.decimal(entries.get(0), "amount")), what);
                toBalance.merge(order.buyer(), PRICE, BigDecimal::add);
            }
        }
        for (Buyer buyer : buyers) {
            Map<String, BigDecimal> balance = books.checkBalanced(buyer);
            books.checkOrderCounts(buyer);
            assertEquals(0, toBalance.getOrDefault(buyer, BigDecimal.ZERO).compareTo(balance.getOrDefault(
                    "available", BigDecimal.ZERO)), "what came too late for its order, once: " + balance);
        }
        assertTrue(stocked.codes().containsAll(codes));
        JsonNode stock = Fixtures.stock(stocked.productId());
        assertEquals(codes.size(), stock.path("delivered").asLong(), "delivered counter " + stock);
        assertEquals(stocked.codes().size() - codes.size(), stock.path("available").asLong(), stock.toString());
    }

    /** Every callback answered 200 in the end; at most one of them is the one that credited. */
    private static void checkCallbacks(List<Call> callbacks, String what) {
        int credited = 0;
        for (Call call : callbacks) {
            assertEquals(200, call.status(), what);
            String result = Json.parse(call.body()).path("result").asText();
            assertTrue(Set.of("credited", "duplicate").contains(result), result + ": " + what);
            credited += "credited".equals(result) ? 1 : 0;
        }
        assertTrue(credited <= 1, "credited by two callbacks: " + what);
    }

    /** The payment entered the reserved balance once and was spent from it once: the buyer's money untouched. */
    private static void checkChargedOnce(List<Map<String, AttributeValue>> entries, String what) {
        BigDecimal in = BigDecimal.ZERO;
        BigDecimal out = BigDecimal.ZERO;
        for (Map<String, AttributeValue> entry : entries) {
            assertEquals("reserved", Attrs.str(entry, "bucket"), "a paid order touches reserved only: " + entries
                    + " " + what);
            BigDecimal amount = Attrs.decimal(entry, "amount");
            if (amount.signum() > 0) {
                in = in.add(amount);
            } else {
                out = out.add(amount);
            }
        }
        assertEquals(0, PRICE.compareTo(in), "received once: " + entries + " " + what);
        assertEquals(0, PRICE.negate().compareTo(out), "spent once: " + entries + " " + what);
    }

    private Map<String, AttributeValue> payment(Payment payment) {
        return books.item("PAYMENT#" + payment.id(), "PAYMENTREC");
    }
}
