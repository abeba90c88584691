package cc.marix.reseller.checkout;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentProgress;
import cc.marix.reseller.payment.PaymentStatus;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The balance's {@code pending} bucket: a top-up whose provider says the money is on its way shows its quote there
 * (not spendable); it moves to {@code available} when credited and leaves when the payment fails; each move is one
 * transaction with its ledger entries, so every bucket equals the sum of its entries.
 */
@QuarkusTest
class PendingBalanceTest {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    LambdaHttpHandler handler;

    @Inject
    PaymentProgress progress;

    @Inject
    PaymentStore payments;

    private Buyer buyer;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
        buyer = Orders.buyer(null);
    }

    @Test
    void moneyOnItsWay_shouldBePending_thenMoveToAvailable_whenTributeSaysPaid() {
        String uuid = UUID.randomUUID().toString();
        String id = Tribute.topUp(buyer, "1000", uuid).path("id").asText();

        Tribute.send(Tribute.event("shop_order_payment_received", uuid, null, 100000, "rub", "x")).then()
                .statusCode(200).body("result", equalTo("advanced"));
        assertBuckets("0.00", "1000.00");
        Tribute.send(Tribute.event("shop_order_prepaid", uuid, null, 100000, "rub", "y")).then()
                .statusCode(200).body("result", equalTo("advanced"));
        assertBuckets("0.00", "1000.00");

        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 100000)).then().statusCode(200).body("result", equalTo("credited"));

        assertBuckets("1000.00", "0.00");
        assertEquals(sorted("+1000.00 pending", "-1000.00 pending", "+1000.00 available"), entries());
        JsonNode topUp = Json.parse(Orders.as(buyer).get("/api/topups/fiat/" + id).then().statusCode(200).extract()
                .asString());
        assertEquals("[]", topUp.path("flags").toString(), "the bookkeeping flags stay inside");
    }

    @Test
    void aPaymentThatFails_shouldTakeItsPendingBack_toZero() {
        String orderId = "65b1c0ffee00000000" + UUID.randomUUID().toString().substring(0, 6);
        Exchanger.topUp(buyer, "1500", orderId, "16.483516");
        Map<String, String> create = Exchanger.lastCreate();
        Exchanger.send(create.get("ipnUrl"), Exchanger.ipn(orderId, "inProgress", "16.483516", "1795458000000",
                create.get("ipnSecret"))).then().statusCode(200).body("result", equalTo("advanced"));
        assertBuckets("0.00", "1500.00");

        Exchanger.statusIs(orderId, "deleted", "0");
        Exchanger.send(create.get("ipnUrl"), Exchanger.ipn(orderId, "deleted", "0", "1", create.get("ipnSecret")))
                .then().statusCode(200).body("result", equalTo("closed"));

        assertBuckets("0.00", "0.00");
        assertEquals(sorted("+1500.00 pending", "-1500.00 pending"), entries());
    }

    @Test
    void anUnderpaidTopUp_shouldReleaseItsWholeQuote_andCreditWhatCame() {
        String orderId = "65b1c0ffee00000000" + UUID.randomUUID().toString().substring(0, 6);
        Exchanger.topUp(buyer, "1500", orderId, "16.483516");
        Map<String, String> create = Exchanger.lastCreate();
        Exchanger.send(create.get("ipnUrl"), Exchanger.ipn(orderId, "inProgressPayout", "16.483516",
                "1795458000000", create.get("ipnSecret"))).then().statusCode(200);
        Exchanger.statusIs(orderId, "done", "750");

        Exchanger.send(create.get("ipnUrl"), Exchanger.ipn(orderId, "done", "8.241758", "750", "1795458000001",
                create.get("ipnSecret"))).then().statusCode(200).body("result", equalTo("credited"));

        assertBuckets("750.00", "0.00");
    }

    @Test
    void concurrentCopiesOfTheNews_shouldHoldThePendingAmountOnce() throws Exception {
        String uuid = UUID.randomUUID().toString();
        Tribute.topUp(buyer, "300", uuid);
        Object news = Tribute.event("shop_order_payment_received", uuid, null, 30000, "rub", "x");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> send(news));
        }

        List<Integer> statuses = Storm.run(calls, Duration.ofSeconds(60));

        assertFalse(statuses.contains(500), statuses.toString());
        assertBuckets("0.00", "300.00");
        assertEquals(List.of("+300.00 pending"), entries());
    }

    @Test
    void newsOfOneTopUp_racingInAnyOrder_shouldEndCreditedOnce_withNothingPending() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String uuid = UUID.randomUUID().toString();
            Tribute.topUp(buyer, "200", uuid);
            Tribute.statusIs(uuid, "paid");
            for (Object news : List.of(Tribute.event("shop_order_payment_received", uuid, null, 20000, "rub", "x"),
                    Tribute.event("shop_order_prepaid", uuid, null, 20000, "rub", "y"), Tribute.paid(uuid, 20000),
                    Tribute.paid(uuid, 20000))) {
                calls.add(() -> send(news));
            }
        }
        Collections.shuffle(calls);

        List<Integer> statuses = Storm.run(calls, Duration.ofSeconds(60));

        assertFalse(statuses.contains(500), statuses.toString());
        assertBuckets("1000.00", "0.00");
    }

    /**
     * A close of an expired top-up (the buyer paid late) and a higher-ranked news of it, both decided on the same
     * read: both see the status they expect, so only the release itself can refuse the second. A second top-up keeps
     * enough in pending that the bucket's own condition would not.
     */
    @Test
    void twoChangesDecidedOnOneRead_shouldReleaseThePendingAmountOnce() {
        String late = UUID.randomUUID().toString();
        String lateId = Tribute.topUp(buyer, "1000", late).path("id").asText();
        Tribute.send(Tribute.event("shop_order_payment_received", late, null, 100000, "rub", "x")).then()
                .statusCode(200);
        String other = UUID.randomUUID().toString();
        Tribute.topUp(buyer, "1000", other);
        Tribute.send(Tribute.event("shop_order_payment_received", other, null, 100000, "rub", "x")).then()
                .statusCode(200);
        assertBuckets("0.00", "2000.00");
        dynamo.updateItem(UpdateItemRequest.builder().tableName(config.table().name())
                .key(Map.of("pk", Attrs.s("PAYMENT#" + lateId), "sk", Attrs.s("PAYMENTREC")))
                .updateExpression("SET #status = :expired").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":expired", Attrs.s("expired"))).build());
        Payment read = payments.find(lateId).orElseThrow();
        int rank = read.providerRank();

        assertEquals(PaymentProgress.Applied.CLOSED, progress.apply(read, new ProviderUpdate("expired",
                ProviderUpdate.Phase.EXPIRED, rank + 1, null, "close-" + late, ProviderUpdate.POLL)));
        assertEquals(PaymentProgress.Applied.CREDITED, progress.apply(read, new ProviderUpdate("paid",
                ProviderUpdate.Phase.PAID, rank + 2, null, "paid-" + late, ProviderUpdate.POLL)));

        assertBuckets("1000.00", "1000.00");
        assertEquals(sorted("+1000.00 pending", "+1000.00 pending", "-1000.00 pending", "+1000.00 available"),
                entries());
    }

    /**
     * A payment that holds its quote in pending while the balance's bucket does not (books an operator must mend):
     * refused at once, not looked at again and again.
     */
    @Test
    void aPendingBucketShortOfTheHeldQuote_shouldBe503AtOnce() {
        String uuid = UUID.randomUUID().toString();
        String id = Tribute.topUp(buyer, "700", uuid).path("id").asText();
        Tribute.send(Tribute.event("shop_order_payment_received", uuid, null, 70000, "rub", "x")).then()
                .statusCode(200);
        dynamo.updateItem(UpdateItemRequest.builder().tableName(config.table().name())
                .key(Map.of("pk", Attrs.s("USER#" + buyer.userId()), "sk", Attrs.s("BALANCE#rub")))
                .updateExpression("SET #pending = :none").expressionAttributeNames(Map.of("#pending", "pending"))
                .expressionAttributeValues(Map.of(":none", Attrs.n(BigDecimal.ZERO))).build());
        Payment read = payments.find(id).orElseThrow();

        ApiException refused = assertThrows(ApiException.class, () -> progress.apply(read, new ProviderUpdate(
                "paid", ProviderUpdate.Phase.PAID, read.providerRank() + 1, null, "paid-" + uuid,
                ProviderUpdate.POLL)));

        assertEquals("balance_mismatch", refused.code());
        assertEquals(PaymentStatus.PENDING, payments.find(id).orElseThrow().status(), "nothing committed");
    }

    @Test
    void anOrdersPayment_shouldNeverTouchThePendingBucket() {
        Fixtures.Stocked stocked = Fixtures.product(1);
        String orderId = Json.parse(Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then()
                .statusCode(200).extract().asString()).path("id").asText();
        String uuid = Tribute.willCreate();
        Orders.as(buyer).post("/api/orders/" + orderId + "/pay").then().statusCode(200);

        Tribute.send(Tribute.event("shop_order_payment_received", uuid, null, 499000, "rub", "x")).then()
                .statusCode(200).body("result", equalTo("advanced"));

        assertBuckets("0.00", "0.00");
        assertEquals(List.of(), entries(), "the order is paid as a whole when it is paid");
    }

    /** Sends the callback through the handler, as Tribute does (signed); its status. */
    private int send(Object news) {
        byte[] body = Json.write(news).getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPResponse answer = handler.handleRequest(HttpEvents.event("POST", "/callbacks/tribute", "",
                Map.of("content-type", "application/json", "trbt-signature", Tribute.sign(body, Tribute.API_KEY)),
                body), null);
        return answer.getStatusCode();
    }

    private static List<String> sorted(String... entries) {
        List<String> sorted = new ArrayList<>(List.of(entries));
        Collections.sort(sorted);
        return sorted;
    }

    private void assertBuckets(String available, String pending) {
        assertEquals(available, Orders.balance(buyer, "rub", "available"));
        assertEquals(pending, Orders.balance(buyer, "rub", "pending"));
        assertEquals("0.00", Orders.balance(buyer, "rub", "reserved"));
        Map<String, BigDecimal> sums = new HashMap<>();
        for (Map<String, AttributeValue> entry : ledger()) {
            sums.merge(Attrs.str(entry, "bucket"), Attrs.decimal(entry, "amount"), BigDecimal::add);
        }
        assertEquals(0, new BigDecimal(available).compareTo(sums.getOrDefault("available", BigDecimal.ZERO)));
        assertEquals(0, new BigDecimal(pending).compareTo(sums.getOrDefault("pending", BigDecimal.ZERO)));
    }

    /**
     * The buyer's rub ledger: signed amount and bucket, sorted (the entries of one transaction share its millisecond,
     * so their ids need not sort in the order they were made).
     */
    private List<String> entries() {
        List<String> entries = new ArrayList<>();
        for (Map<String, AttributeValue> entry : ledger()) {
            BigDecimal amount = Attrs.decimal(entry, "amount").setScale(2);
            entries.add((amount.signum() > 0 ? "+" : "") + amount.toPlainString() + " " + Attrs.str(entry, "bucket"));
        }
        Collections.sort(entries);
        return entries;
    }

    private List<Map<String, AttributeValue>> ledger() {
        return dynamo.query(QueryRequest.builder().tableName(config.table().name())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s("USER#" + buyer.userId()), ":ledger",
                        Attrs.s("LEDGER#")))
                .consistentRead(true).build()).items().stream()
                .filter(entry -> "rub".equals(Attrs.str(entry, "currency"))).toList();
    }
}
