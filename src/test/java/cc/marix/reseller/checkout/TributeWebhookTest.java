package cc.marix.reseller.checkout;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.testing.CallbackStorm;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tribute's webhook through the Function URL front: verified before anything is read, applied once, statuses
 * forward only, an underpayment credited as received, a refund taken back through the ledger.
 */
@QuarkusTest
class TributeWebhookTest {

    @Inject
    LambdaHttpHandler handler;

    private Buyer buyer;
    private String uuid;
    private String topUpId;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
        buyer = Orders.buyer(null);
        uuid = UUID.randomUUID().toString();
        topUpId = Tribute.topUp(buyer, "1500", uuid).path("id").asText();
    }

    @Test
    void paid_shouldCreditTheQuoteOnce_evenWhenTributeRetries() {
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("credited"))
                .body("paymentId", equalTo(topUpId));
        // a retry: the same event, sent again later
        ObjectNode retry = Tribute.paid(uuid, 150000).put("sent_at", "2026-11-23T10:05:01Z");
        Tribute.send(retry).then().statusCode(200).body("result", equalTo("duplicate"));

        assertEquals("1500.00", Orders.available(buyer, "rub"));
        JsonNode topUp = topUp();
        assertEquals("completed", topUp.path("status").asText());
        assertEquals("1500.00", topUp.path("creditedAmount").asText());
        assertEquals(0, topUp.path("flags").size());
    }

    @Test
    void aPaidWebhook_shouldTakeThreeRoundTrips() {
        long before = DynamoCallCounter.total();

        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("credited"));

        // the pointer, the payment, one transaction (payment, balance, ledger entry)
        assertEquals(3, DynamoCallCounter.total() - before, DynamoCallCounter.snapshot().toString());
    }

    @Test
    void unverifiedCalls_shouldBe401_andChangeNothing() {
        byte[] body = Json.write(Tribute.paid(uuid, 150000)).getBytes(StandardCharsets.UTF_8);

        Tribute.send(body, null).then().statusCode(401).body("error", equalTo("signature_missing"));
        Tribute.send(body, Tribute.sign(body, "some-other-key")).then().statusCode(401)
                .body("error", equalTo("signature_mismatch"));
        Tribute.send(body, "zz-not-hex").then().statusCode(401);
        byte[] tampered = Json.write(Tribute.paid(uuid, 9_999_999)).getBytes(StandardCharsets.UTF_8);
        Tribute.send(tampered, Tribute.sign(body, Tribute.API_KEY)).then().statusCode(401);

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("pending", topUp().path("status").asText());
    }

    @Test
    void signedButMalformed_shouldBe400_andSignedButForeign_shouldBeIgnored() {
        byte[] broken = "{not json".getBytes(StandardCharsets.UTF_8);
        Tribute.send(broken, Tribute.sign(broken, Tribute.API_KEY)).then().statusCode(400)
                .body("error", equalTo("malformed_event"));
        Tribute.send(Tribute.paid(UUID.randomUUID().toString(), 150000)).then().statusCode(200)
                .body("result", equalTo("ignored"));
        ObjectNode subscription = Json.object().put("name", "new_subscription").put("sent_at", "x");
        subscription.putObject("payload").put("subscription_id", 1644);
        Tribute.send(subscription).then().statusCode(200).body("result", equalTo("ignored"));

        assertEquals("pending", topUp().path("status").asText());
    }

    @Test
    void statuses_shouldOnlyMoveForward_andLateOnesBeRecordedOnly() {
        Tribute.send(event("shop_order_payment_received")).then().statusCode(200).body("result", equalTo("advanced"));
        Tribute.send(event("shop_order_payment_failed")).then().statusCode(200).body("result", equalTo("recorded"));
        Tribute.send(event("shop_order_prepaid")).then().statusCode(200).body("result", equalTo("advanced"));
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("credited"));
        Tribute.send(event("shop_order_payment_received")).then().statusCode(200)
                .body("result", equalTo("duplicate"));
        Tribute.send(event("shop_order_cancelled")).then().statusCode(200).body("result", equalTo("recorded"));

        assertEquals("completed", topUp().path("status").asText());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aFailedAttempt_shouldLeaveItPayable() {
        Tribute.send(event("shop_order_payment_failed")).then().statusCode(200).body("result", equalTo("advanced"));
        assertEquals("pending", topUp().path("status").asText());

        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("credited"));
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void underpayment_shouldCreditWhatCame_andFlagIt() {
        Tribute.send(Tribute.paid(uuid, 100000)).then().statusCode(200).body("result", equalTo("credited"));

        assertEquals("1000.00", Orders.available(buyer, "rub"));
        JsonNode topUp = topUp();
        assertEquals("completed", topUp.path("status").asText());
        assertEquals("1000.00", topUp.path("creditedAmount").asText());
        assertEquals("underpaid", topUp.path("flags").path(0).asText());
    }

    @Test
    void paidInAnotherCurrency_shouldCreditNothing_andFlagIt() {
        ObjectNode usd = Tribute.event("shop_order", uuid, "paid", 150000, "usd", "2026-11-23T10:00:01Z");
        Tribute.send(usd).then().statusCode(200).body("result", equalTo("credited"));

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("underpaid", topUp().path("flags").path(0).asText());
    }

    @Test
    void aRefundBeforeThePaidNews_shouldCloseIt_andTheLatePaidCreditNothing() {
        Tribute.send(event("shop_order_refunded")).then().statusCode(200).body("result", equalTo("refunded"));
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("recorded"));

        assertEquals("refunded", topUp().path("status").asText());
        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void anUnreadableAmount_shouldCreditNothing_andFlagIt() {
        ObjectNode odd = Tribute.paid(uuid, 150000);
        ((ObjectNode) odd.path("payload")).put("amount", "1 500,00");
        Tribute.send(odd).then().statusCode(200).body("result", equalTo("credited"));

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("underpaid", topUp().path("flags").path(0).asText());
    }

    @Test
    void refund_shouldTakeTheCreditBack_throughTheLedger() {
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200);

        Tribute.send(event("shop_order_refunded")).then().statusCode(200).body("result", equalTo("refunded"));
        Tribute.send(event("shop_order_refunded").put("sent_at", "later")).then().statusCode(200)
                .body("result", equalTo("duplicate"));

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("refunded", topUp().path("status").asText());
    }

    @Test
    void refundOfMoneyAlreadySpent_shouldTakeNothing_andFlagIt() {
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200);
        Orders.credit(buyer, "rub", "-1000");

        Tribute.send(event("shop_order_refunded")).then().statusCode(200).body("result", equalTo("refunded"));

        assertEquals("500.00", Orders.available(buyer, "rub"));
        JsonNode topUp = topUp();
        assertEquals("refunded", topUp.path("status").asText());
        assertEquals("refund_shortfall", topUp.path("flags").path(0).asText());
    }

    @Test
    void twentyConcurrentCopies_shouldCreditOnce() throws Exception {
        byte[] body = Json.write(Tribute.paid(uuid, 150000)).getBytes(StandardCharsets.UTF_8);
        String signature = Tribute.sign(body, Tribute.API_KEY);
        List<String> results = CallbackStorm.send(handler, 20, "/callbacks/tribute",
                Map.of("content-type", "application/json", "trbt-signature", signature), body);

        assertEquals(1, results.stream().filter("credited"::equals).count(), results.toString());
        assertTrue(results.stream().allMatch(result -> result.equals("credited") || result.equals("duplicate")),
                results.toString());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    private ObjectNode event(String name) {
        return Tribute.event(name, uuid, null, 150000, "rub", "2026-11-23T10:00:01Z");
    }

    private JsonNode topUp() {
        return Json.parse(Orders.as(buyer).get("/api/topups/fiat/" + topUpId).then().statusCode(200).extract()
                .asString());
    }
}
