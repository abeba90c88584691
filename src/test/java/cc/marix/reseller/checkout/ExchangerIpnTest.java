package cc.marix.reseller.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;

import cc.marix.reseller.payment.PaymentEvent;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.CallbackStorm;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.PaymentHistory;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The exchanger's IPN through the Function URL front: verified with the top-up's own secret, applied once; a done or
 * closing IPN only as the exchanger's order info confirms it, with the amount it paid out (WireMock plays the
 * exchanger).
 */
@QuarkusTest
class ExchangerIpnTest {

    private static final String AMOUNT = "16.483516";
    private static final String RECONCILE = "{\"job\": \"payment-reconcile\"}";

    @Inject
    LambdaHttpHandler handler;

    @Inject
    PaymentStore payments;

    @Inject
    TestClock clock;

    private Buyer buyer;
    private String topUpId;
    private String orderId;
    private String ipnUrl;
    private String secret;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
        buyer = Orders.buyer(null);
        orderId = objectId();
        topUpId = Exchanger.topUp(buyer, "1500", orderId, AMOUNT).path("id").asText();
        Map<String, String> create = Exchanger.lastCreate();
        ipnUrl = create.get("ipnUrl");
        secret = create.get("ipnSecret");
    }

    @Test
    void done_shouldCreditTheQuoteOnce_andAReplayNothing() {
        Exchanger.statusIs(orderId, "done", "1500");
        Map<String, String> done = Exchanger.ipn(orderId, "done", AMOUNT, "1795458000000", secret);

        Exchanger.send(ipnUrl, done).then().statusCode(200).body("result", equalTo("credited"));
        Exchanger.send(ipnUrl, done).then().statusCode(200).body("result", equalTo("duplicate"));

        assertEquals("1500.00", Orders.available(buyer, "rub"));
        JsonNode topUp = topUp();
        assertEquals("completed", topUp.path("status").asText());
        assertEquals("1500.00", topUp.path("creditedAmount").asText());
        ProvidersResource.server().verify(1, getRequestedFor(urlPathEqualTo(Exchanger.INFO))
                .withQueryParam("orderId", WireMock.equalTo(orderId)));
    }

    @Test
    void aDoneIpnTheExchangerDoesNotConfirm_shouldCreditNothing_andBeRecorded_thenReconcileCreditsWhatItPaidOut() {
        Exchanger.statusIs(orderId, "inProgress", "0");
        Map<String, String> done = Exchanger.ipn(orderId, "done", AMOUNT, "1795458000000", secret);
        Exchanger.send(ipnUrl, done).then().statusCode(200).body("result", equalTo("unconfirmed"));
        // done, but not with the amount the IPN names
        Exchanger.statusIs(orderId, "done", "750");
        Exchanger.send(ipnUrl, done).then().statusCode(200).body("result", equalTo("unconfirmed"));

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("pending", topUp().path("status").asText());
        List<PaymentEvent> entries = PaymentHistory.entries(payments, topUpId, PaymentHistory.NOT_CONFIRMED);
        assertEquals(1, entries.size(), entries.toString());
        assertTrue(entries.get(0).detail().contains("exchanger says inProgress"), entries.get(0).detail());

        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);

        // the exchanger's word: half the quote paid out
        JsonNode topUp = topUp();
        assertEquals("completed", topUp.path("status").asText());
        assertEquals("750.00", topUp.path("creditedAmount").asText());
        assertEquals("750.00", Orders.available(buyer, "rub"));
    }

    @Test
    void anExchangerThatCannotBeAsked_shouldCreditNothing_andAnswer503_thenReconcileCreditsOnce() {
        ProvidersResource.server().stubFor(get(urlPathEqualTo(Exchanger.INFO)).willReturn(aResponse().withStatus(500)));
        Map<String, String> done = Exchanger.ipn(orderId, "done", AMOUNT, "1795458000000", secret);

        Exchanger.send(ipnUrl, done).then().statusCode(503).header("Retry-After", "60")
                .body("error", equalTo("provider_unavailable"));

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals(1, PaymentHistory.entries(payments, topUpId, PaymentHistory.notAsked("exchanger")).size());
        // the exchanger never sends an IPN again: reconcile finishes it
        Exchanger.statusIs(orderId, "done", "1500");
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);

        assertEquals("completed", topUp().path("status").asText());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void unverifiedIpns_shouldBe401_andChangeNothing() {
        Map<String, String> forged = Exchanger.ipn(orderId, "done", AMOUNT, "1795458000000", "not-the-secret");
        Exchanger.send(ipnUrl, forged).then().statusCode(401).body("error", equalTo("signature_mismatch"));

        Map<String, String> tampered = Exchanger.ipn(orderId, "done", AMOUNT, "1795458000000", secret);
        tampered.put("inAmount", "1000");
        Exchanger.send(ipnUrl, tampered).then().statusCode(401);

        Map<String, String> unsigned = Exchanger.ipn(orderId, "done", AMOUNT, "1795458000000", secret);
        unsigned.remove("hash");
        Exchanger.send(ipnUrl, unsigned).then().statusCode(401).body("error", equalTo("signature_missing"));

        Map<String, String> lacking = Exchanger.ipn(orderId, "done", AMOUNT, "1795458000000", secret);
        lacking.remove("xml_to");
        Exchanger.send(ipnUrl, lacking).then().statusCode(401).body("error", equalTo("signature_malformed"));

        // another top-up's (valid) secret does not sign this one's IPN
        String otherOrder = objectId();
        Exchanger.topUp(buyer, "100", otherOrder, "1.1");
        String otherSecret = Exchanger.lastCreate().get("ipnSecret");
        Exchanger.send(ipnUrl, Exchanger.ipn(orderId, "done", AMOUNT, "1795458000000", otherSecret)).then()
                .statusCode(401);

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("pending", topUp().path("status").asText());
        TestStack.useHttpFront();
        given().contentType("application/x-www-form-urlencoded").body("a=%zz")
                .post(URI.create(ipnUrl).getPath()).then().statusCode(400);
        given().contentType("application/x-www-form-urlencoded").body("a=1")
                .post("/callbacks/exchanger/019ad428-e9cd-7982-a6fa-0ec0eebce25d").then().statusCode(401);
    }

    @Test
    void aReplayWithUnsignedExtras_shouldStillBeADuplicate() {
        Exchanger.statusIs(orderId, "done", "1500");
        Map<String, String> done = Exchanger.ipn(orderId, "done", AMOUNT, "1795458000000", secret);
        Exchanger.send(ipnUrl, done).then().statusCode(200).body("result", equalTo("credited"));
        done.put("toValues[0][key]", "junk");
        done.put("hash", done.get("hash").toUpperCase());

        Exchanger.send(ipnUrl, done).then().statusCode(200).body("result", equalTo("duplicate"));
        assertEquals(0, topUp().path("flags").size());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void statuses_shouldOnlyMoveForward() {
        Exchanger.statusIs(orderId, "done", "1500");
        Exchanger.send(ipnUrl, Exchanger.ipn(orderId, "waitPayment", AMOUNT, "1", secret)).then()
                .body("result", equalTo("advanced"));
        Exchanger.send(ipnUrl, Exchanger.ipn(orderId, "inProgressPayout", AMOUNT, "3", secret)).then()
                .body("result", equalTo("advanced"));
        Exchanger.send(ipnUrl, Exchanger.ipn(orderId, "inProgress", AMOUNT, "2", secret)).then()
                .body("result", equalTo("recorded"));
        Exchanger.send(ipnUrl, Exchanger.ipn(orderId, "done", AMOUNT, "4", secret)).then()
                .body("result", equalTo("credited"));
        Exchanger.send(ipnUrl, Exchanger.ipn(orderId, "waitPayment", AMOUNT, "5", secret)).then()
                .body("result", equalTo("recorded"));
        // the exchanger says done, not deleted
        Exchanger.send(ipnUrl, Exchanger.ipn(orderId, "deleted", AMOUNT, "6", secret)).then()
                .body("result", equalTo("unconfirmed"));

        assertEquals("completed", topUp().path("status").asText());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void deleted_shouldCloseIt_failed() {
        Exchanger.statusIs(orderId, "deleted", "0");
        Exchanger.send(ipnUrl, Exchanger.ipn(orderId, "deleted", "0", "1", secret)).then()
                .body("result", equalTo("closed"));
        assertEquals("failed", topUp().path("status").asText());
        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void anIpnWithNoAmountYet_shouldBeReadAndApplied_notRefused() {
        Exchanger.send(ipnUrl, Exchanger.ipn(orderId, "waitPayment", "", "", "1795458000000", secret)).then()
                .statusCode(200).body("result", equalTo("advanced"));
        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void underpayment_shouldCreditWhatCame_atTheLockedRate_andFlagIt() {
        // half the USDT came; the exchanger paid out half the quote
        Exchanger.statusIs(orderId, "done", "750");
        Exchanger.send(ipnUrl, Exchanger.ipn(orderId, "done", "8.241758", "750", "1", secret)).then()
                .body("result", equalTo("credited"));

        JsonNode topUp = topUp();
        assertEquals("750.00", topUp.path("creditedAmount").asText());
        assertEquals("underpaid", topUp.path("flags").path(0).asText());
        assertEquals("750.00", Orders.available(buyer, "rub"));
    }

    @Test
    void anIpnAboutAnotherOrder_shouldBe409_andChangeNothing() {
        Exchanger.send(ipnUrl, Exchanger.ipn("65ffffffffffffffffffffff", "done", AMOUNT, "1", secret)).then()
                .statusCode(409).body("error", equalTo("order_mismatch"));
        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void twentyConcurrentCopies_shouldCreditOnce() throws Exception {
        Exchanger.statusIs(orderId, "done", "1500");
        byte[] body = Exchanger.encode(Exchanger.ipn(orderId, "done", AMOUNT, "1795458000000", secret))
                .getBytes(StandardCharsets.UTF_8);
        String path = URI.create(ipnUrl).getPath();
        List<String> results = CallbackStorm.send(handler, 20, path,
                Map.of("content-type", "application/x-www-form-urlencoded"), body);

        assertEquals(1, results.stream().filter("credited"::equals).count(), results.toString());
        assertTrue(results.stream().allMatch(r -> r.equals("credited") || r.equals("duplicate")), results.toString());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    /** An exchanger order id: a MongoDB ObjectID, 24 hex digits. */
    private static String objectId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private JsonNode topUp() {
        return Json.parse(Orders.as(buyer).get("/api/topups/crypto/" + topUpId).then().statusCode(200).extract()
                .asString());
    }
}
