package cc.marix.reseller.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import cc.marix.reseller.payment.PaymentEvent;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.testing.CallbackStorm;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.PaymentHistory;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tribute's webhook through the Function URL front: verified before anything is read, applied once, statuses
 * forward only, a refund taken back through the ledger; news that moves money or ends the payment only as Tribute's
 * status call confirms it (WireMock plays Tribute).
 */
@QuarkusTest
class TributeWebhookTest {

    private static final String RECONCILE = "{\"job\": \"payment-reconcile\"}";

    @Inject
    LambdaHttpHandler handler;

    @Inject
    PaymentStore payments;

    @Inject
    TestClock clock;

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
        Tribute.statusIs(uuid, "paid");
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
        // asked once: the retry is answered from what we hold
        ProvidersResource.server().verify(1, getRequestedFor(urlEqualTo(statusPath())));
    }

    @Test
    void aPaidWebhook_shouldTakeThreeRoundTrips_andOneStatusCall() {
        Tribute.statusIs(uuid, "paid");
        long before = DynamoCallCounter.total();

        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("credited"));

        // the pointer, the payment, one transaction (payment, balance, ledger entry)
        assertEquals(3, DynamoCallCounter.total() - before, DynamoCallCounter.snapshot().toString());
        ProvidersResource.server().verify(1, getRequestedFor(urlEqualTo(statusPath()))
                .withHeader("Api-Key", WireMock.equalTo(Tribute.API_KEY)));
    }

    @Test
    void aSignedPaidWebhookTributeDoesNotConfirm_shouldCreditNothing_andBeRecorded_untilReconcileHearsPaid() {
        Tribute.statusIs(uuid, "pending");

        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("unconfirmed"))
                .body("paymentId", equalTo(topUpId));
        // a retry asks again; copies of it leave one entry
        Tribute.send(Tribute.paid(uuid, 150000).put("sent_at", "later")).then().statusCode(200)
                .body("result", equalTo("unconfirmed"));

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("pending", topUp().path("status").asText());
        List<PaymentEvent> entries = PaymentHistory.entries(payments, topUpId, PaymentHistory.NOT_CONFIRMED);
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("shop_order:paid", entries.get(0).providerStatus());
        assertTrue(entries.get(0).detail().contains("tribute says pending"), entries.get(0).detail());
        ProvidersResource.server().verify(2, getRequestedFor(urlEqualTo(statusPath())));

        // Tribute's own word, polled, is what pays it
        Tribute.statusIs(uuid, "paid");
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        assertEquals("1500.00", Orders.available(buyer, "rub"));
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("recorded"));
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void tributeUnreachableOrFailing_shouldCreditNothing_andAnswer503ForARetry_thenTheRetryCreditsOnce() {
        ProvidersResource.server().stubFor(get(urlEqualTo(statusPath())).willReturn(aResponse().withStatus(500)));
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(503).header("Retry-After", "60")
                .body("error", equalTo("provider_unavailable"));
        ProvidersResource.server().stubFor(get(urlEqualTo(statusPath()))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(503).header("Retry-After", "60");

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("pending", topUp().path("status").asText());
        assertEquals(1, PaymentHistory.entries(payments, topUpId, PaymentHistory.notAsked("tribute")).size());

        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("credited"));
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("duplicate"));
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void tributeUnreachable_shouldLeaveItToReconcile_whichCreditsOnceTributeSaysPaid() {
        ProvidersResource.server().stubFor(get(urlEqualTo(statusPath())).willReturn(aResponse().withStatus(502)));
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(503);
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        assertEquals("pending", topUp().path("status").asText());

        Tribute.statusIs(uuid, "paid");
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);

        assertEquals("completed", topUp().path("status").asText());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void unverifiedCalls_shouldBe401_andChangeNothing_andAskNothing() {
        byte[] body = Json.write(Tribute.paid(uuid, 150000)).getBytes(StandardCharsets.UTF_8);

        Tribute.send(body, null).then().statusCode(401).body("error", equalTo("signature_missing"));
        Tribute.send(body, Tribute.sign(body, "some-other-key")).then().statusCode(401)
                .body("error", equalTo("signature_mismatch"));
        Tribute.send(body, "zz-not-hex").then().statusCode(401);
        byte[] tampered = Json.write(Tribute.paid(uuid, 9_999_999)).getBytes(StandardCharsets.UTF_8);
        Tribute.send(tampered, Tribute.sign(body, Tribute.API_KEY)).then().statusCode(401);

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("pending", topUp().path("status").asText());
        ProvidersResource.server().verify(0, getRequestedFor(urlEqualTo(statusPath())));
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
        Tribute.statusIs(uuid, "paid");
        Tribute.send(event("shop_order_payment_received")).then().statusCode(200).body("result", equalTo("advanced"));
        Tribute.send(event("shop_order_payment_failed")).then().statusCode(200).body("result", equalTo("recorded"));
        Tribute.send(event("shop_order_prepaid")).then().statusCode(200).body("result", equalTo("advanced"));
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("credited"));
        Tribute.send(event("shop_order_payment_received")).then().statusCode(200)
                .body("result", equalTo("duplicate"));
        // Tribute says paid, not cancelled
        Tribute.send(event("shop_order_cancelled")).then().statusCode(200).body("result", equalTo("unconfirmed"));

        assertEquals("completed", topUp().path("status").asText());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aFailedAttempt_shouldLeaveItPayable() {
        Tribute.send(event("shop_order_payment_failed")).then().statusCode(200).body("result", equalTo("advanced"));
        assertEquals("pending", topUp().path("status").asText());
        // news on the way is applied on the webhook's word: nothing asked
        ProvidersResource.server().verify(0, getRequestedFor(urlEqualTo(statusPath())));

        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("credited"));
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aCancelledWebhookTributeDoesNotConfirm_shouldLeaveThePaymentOpen() {
        Tribute.statusIs(uuid, "pending");
        Tribute.send(event("shop_order_cancelled")).then().statusCode(200).body("result", equalTo("unconfirmed"));
        assertEquals("pending", topUp().path("status").asText());

        Tribute.statusIs(uuid, "cancelled");
        Tribute.send(event("shop_order_cancelled")).then().statusCode(200).body("result", equalTo("closed"));
        assertEquals("failed", topUp().path("status").asText());
    }

    @Test
    void aPaidWebhookWithAnAmountTributeDoesNotConfirm_shouldCreditNothing_andBeRecorded() {
        // Tribute's status says paid, which is the 1500.00 it was asked for: another amount is not confirmed
        Tribute.statusIs(uuid, "paid");
        ObjectNode unreadable = Tribute.paid(uuid, 150000);
        ((ObjectNode) unreadable.path("payload")).put("amount", "1 500,00");
        List<ObjectNode> claims = List.of(Tribute.paid(uuid, 100000),
                Tribute.event("shop_order", uuid, "paid", 150000, "usd", "2026-11-23T10:00:01Z"), unreadable);
        for (ObjectNode claim : claims) {
            Tribute.send(claim).then().statusCode(200).body("result", equalTo("unconfirmed"));
        }

        assertEquals("0.00", Orders.available(buyer, "rub"));
        JsonNode topUp = topUp();
        assertEquals("pending", topUp.path("status").asText());
        assertEquals(0, topUp.path("flags").size());
        assertEquals(3, PaymentHistory.entries(payments, topUpId, PaymentHistory.NOT_CONFIRMED).size());
    }

    @Test
    void aRefundBeforeThePaidNews_shouldCloseIt_andTheLatePaidCreditNothing() {
        Tribute.statusIs(uuid, "refunded");
        Tribute.send(event("shop_order_refunded")).then().statusCode(200).body("result", equalTo("refunded"));
        // Tribute says refunded: the paid news is not confirmed
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("unconfirmed"));

        assertEquals("refunded", topUp().path("status").asText());
        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void refund_shouldTakeTheCreditBack_throughTheLedger() {
        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200);
        Tribute.statusIs(uuid, "refunded");

        Tribute.send(event("shop_order_refunded")).then().statusCode(200).body("result", equalTo("refunded"));
        Tribute.send(event("shop_order_refunded").put("sent_at", "later")).then().statusCode(200)
                .body("result", equalTo("duplicate"));

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("refunded", topUp().path("status").asText());
    }

    @Test
    void refundOfMoneyAlreadySpent_shouldTakeNothing_andFlagIt() {
        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200);
        Orders.credit(buyer, "rub", "-1000");
        Tribute.statusIs(uuid, "refunded");

        Tribute.send(event("shop_order_refunded")).then().statusCode(200).body("result", equalTo("refunded"));

        assertEquals("500.00", Orders.available(buyer, "rub"));
        JsonNode topUp = topUp();
        assertEquals("refunded", topUp.path("status").asText());
        assertEquals("refund_shortfall", topUp.path("flags").path(0).asText());
    }

    @Test
    void aRefundWebhookTributeDoesNotConfirm_shouldTakeNothingBack() {
        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("credited"));

        Tribute.send(event("shop_order_refunded")).then().statusCode(200).body("result", equalTo("unconfirmed"));

        assertEquals("1500.00", Orders.available(buyer, "rub"));
        assertEquals("completed", topUp().path("status").asText());
    }

    @Test
    void twentyConcurrentCopies_shouldCreditOnce() throws Exception {
        Tribute.statusIs(uuid, "paid");
        byte[] body = Json.write(Tribute.paid(uuid, 150000)).getBytes(StandardCharsets.UTF_8);
        String signature = Tribute.sign(body, Tribute.API_KEY);
        List<String> results = CallbackStorm.send(handler, 20, "/callbacks/tribute",
                Map.of("content-type", "application/json", "trbt-signature", signature), body);

        assertEquals(1, results.stream().filter("credited"::equals).count(), results.toString());
        assertTrue(results.stream().allMatch(result -> result.equals("credited") || result.equals("duplicate")),
                results.toString());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void twentyConcurrentCopiesTributeDoesNotConfirm_shouldCreditNothing_andBeRecordedOnce() throws Exception {
        Tribute.statusIs(uuid, "pending");
        byte[] body = Json.write(Tribute.paid(uuid, 150000)).getBytes(StandardCharsets.UTF_8);
        List<String> results = CallbackStorm.send(handler, 20, "/callbacks/tribute",
                Map.of("content-type", "application/json", "trbt-signature", Tribute.sign(body, Tribute.API_KEY)),
                body);

        assertTrue(results.stream().allMatch("unconfirmed"::equals), results.toString());
        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals(1, PaymentHistory.entries(payments, topUpId, PaymentHistory.NOT_CONFIRMED).size());
    }

    private String statusPath() {
        return Tribute.ORDERS + "/" + uuid + "/status";
    }

    private ObjectNode event(String name) {
        return Tribute.event(name, uuid, null, 150000, "rub", "2026-11-23T10:00:01Z");
    }

    private JsonNode topUp() {
        return Json.parse(Orders.as(buyer).get("/api/topups/fiat/" + topUpId).then().statusCode(200).extract()
                .asString());
    }
}
