package cc.marix.reseller.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import cc.marix.reseller.payment.PaymentEvent;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.signing.MerchantGatewaySignature;
import cc.marix.reseller.testing.CallbackStorm;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Merchant;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.PaymentHistory;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;

/** Fiat top-ups through the P2P merchant gateway: signed requests out, signed and fresh callbacks V3 in. */
@QuarkusTest
class MerchantGatewayTest {

    private static final String RECONCILE = "{\"job\": \"payment-reconcile\"}";

    @Inject
    TestClock clock;

    @Inject
    LambdaHttpHandler handler;

    @Inject
    PaymentStore payments;

    private WireMockServer provider;
    private Buyer buyer;
    private String uuid;
    private String topUpId;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        provider = ProvidersResource.server();
        provider.resetAll();
        buyer = Orders.buyer(null);
        uuid = UUID.randomUUID().toString();
        topUpId = Merchant.topUp(buyer, "1500", uuid).path("id").asText();
    }

    @Test
    void ourRequests_shouldCarryTheKey_aFreshTimestamp_andTheSignatureOfTimestampAndBody() {
        LoggedRequest create = provider.findAll(postRequestedFor(urlEqualTo(Merchant.ORDERS))).get(0);
        assertEquals(Merchant.API_KEY, create.getHeader("X-API-Key"));
        String timestamp = create.getHeader("X-Timestamp");
        assertTrue(Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) <= 5, "now: " + timestamp);
        assertEquals(MerchantGatewaySignature.sign(Merchant.SECRET, timestamp, create.getBody()),
                create.getHeader("X-Signature"));
        assertEquals(Json.parse("{\"merchant_order_id\":\"" + topUpId + "\",\"amount\":\"1500.00\","
                + "\"currency\":\"RUB\",\"return_url\":\"https://marix.cc/payments/return\"}"),
                Json.parse(create.getBodyAsString()));
        JsonNode topUp = topUp();
        assertEquals("merchant", topUp.path("provider").asText());
        assertEquals(uuid, topUp.path("paymentId").asText());
        assertEquals("https://pay.gateway.example/" + uuid, topUp.path("confirmationUrl").asText());

        // a status poll signs the timestamp alone
        Merchant.statusIs(uuid, "pending", "1500");
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        LoggedRequest poll = provider.findAll(getRequestedFor(urlEqualTo(Merchant.ORDERS + "/" + uuid))).get(0);
        assertEquals(MerchantGatewaySignature.sign(Merchant.SECRET, poll.getHeader("X-Timestamp"), null),
                poll.getHeader("X-Signature"));
        assertEquals(Merchant.API_KEY, poll.getHeader("X-API-Key"));
    }

    @Test
    void gatewayFailures_shouldBe502or503_andCreateNothing() {
        Buyer other = Orders.buyer(null);
        provider.stubFor(post(urlEqualTo(Merchant.ORDERS)).willReturn(aResponse().withStatus(401)));
        create(other).then().statusCode(502).body("error", equalTo("provider_error"));
        provider.stubFor(post(urlEqualTo(Merchant.ORDERS)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(4_000)));
        create(other).then().statusCode(503).body("error", equalTo("provider_unavailable"));
        assertEquals(0, Json.parse(Orders.as(other).get("/api/topups/fiat/").then().statusCode(200).extract()
                .asString()).size());
    }

    @Test
    void success_shouldCreditOnce_andAReplayInsideTheWindowNothing() {
        Merchant.statusIs(uuid, "success", "1500");
        String body = Merchant.callback("success", "1500", topUpId, uuid);

        Merchant.send(body, Merchant.SECRET, clock.instant()).then().statusCode(200)
                .body("result", equalTo("credited"));
        Merchant.send(body, Merchant.SECRET, clock.instant().plusSeconds(60)).then().statusCode(200)
                .body("result", equalTo("duplicate"));

        assertEquals("1500.00", Orders.available(buyer, "rub"));
        assertEquals("completed", topUp().path("status").asText());
        provider.verify(1, getRequestedFor(urlEqualTo(Merchant.ORDERS + "/" + uuid)));
    }

    @Test
    void aSuccessTheGatewayDoesNotConfirm_shouldCreditNothing_andBeRecorded() {
        Merchant.statusIs(uuid, "pending", "1500");
        Merchant.send(Merchant.callback("success", "1500", topUpId, uuid), Merchant.SECRET, clock.instant()).then()
                .statusCode(200).body("result", equalTo("unconfirmed"));
        // paid, but not what the callback says
        Merchant.statusIs(uuid, "success", "1000");
        Merchant.send(Merchant.callback("success", "1500", topUpId, uuid), Merchant.SECRET, clock.instant()).then()
                .statusCode(200).body("result", equalTo("unconfirmed"));

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("pending", topUp().path("status").asText());
        List<PaymentEvent> entries = PaymentHistory.entries(payments, topUpId, PaymentHistory.NOT_CONFIRMED);
        assertEquals(1, entries.size(), entries.toString());
        assertTrue(entries.get(0).detail().contains("merchant says pending"), entries.get(0).detail());
    }

    @Test
    void aTimeoutTheGatewayDoesNotConfirm_shouldLeaveThePaymentOpen() {
        Merchant.statusIs(uuid, "pending", "1500");
        Merchant.send(Merchant.callback("timeout", "0", topUpId, uuid), Merchant.SECRET, clock.instant()).then()
                .statusCode(200).body("result", equalTo("unconfirmed"));

        assertEquals("pending", topUp().path("status").asText());
    }

    @Test
    void aSuccessNamingNoAmount_shouldCreditWhatTheGatewayConfirms() {
        Merchant.statusIs(uuid, "success", "1200.50");
        Merchant.send(Merchant.callback("success", "null", topUpId, uuid), Merchant.SECRET, clock.instant()).then()
                .statusCode(200).body("result", equalTo("credited"));

        JsonNode topUp = topUp();
        assertEquals("1200.50", topUp.path("creditedAmount").asText());
        assertEquals("underpaid", topUp.path("flags").path(0).asText());
        assertEquals("1200.50", Orders.available(buyer, "rub"));
    }

    @Test
    void aGatewayThatCannotBeAsked_shouldCreditNothing_andAnswer503_thenReconcileCreditsOnce() {
        String body = Merchant.callback("success", "1500", topUpId, uuid);
        provider.stubFor(get(urlEqualTo(Merchant.ORDERS + "/" + uuid))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Merchant.send(body, Merchant.SECRET, clock.instant()).then().statusCode(503).header("Retry-After", "60")
                .body("error", equalTo("provider_unavailable"));
        provider.stubFor(get(urlEqualTo(Merchant.ORDERS + "/" + uuid)).willReturn(aResponse().withStatus(503)));
        Merchant.send(body, Merchant.SECRET, clock.instant()).then().statusCode(503);
        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals(1, PaymentHistory.entries(payments, topUpId, PaymentHistory.notAsked("merchant")).size());

        Merchant.statusIs(uuid, "success", "1500");
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        // the gateway's retry after that changes nothing
        Merchant.send(body, Merchant.SECRET, clock.instant()).then().statusCode(200)
                .body("result", equalTo("recorded"));

        assertEquals("completed", topUp().path("status").asText());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void unverifiedOrStaleCallbacks_shouldBe401_andChangeNothing() {
        String body = Merchant.callback("success", "1500", topUpId, uuid);
        Instant now = clock.instant();

        Merchant.send(body, "another-secret", now).then().statusCode(401).body("error", equalTo("signature_mismatch"));
        Merchant.send(body, Merchant.SECRET, now.minusSeconds(301)).then().statusCode(401)
                .body("error", equalTo("signature_timestamp"));
        // X-Timestamp is whole seconds: 301 s ahead of a truncated now is only 300 s ahead a fraction of a second on
        Merchant.send(body, Merchant.SECRET, now.plusSeconds(302)).then().statusCode(401);
        TestStack.useHttpFront();
        given().contentType("application/json").body(body).post("/callbacks/merchant")
                .then().statusCode(401).body("error", equalTo("signature_missing"));
        String timestamp = Long.toString(now.getEpochSecond());
        String signature = MerchantGatewaySignature.sign(Merchant.SECRET, timestamp,
                body.getBytes(StandardCharsets.UTF_8));
        given().contentType("application/json").header("X-Timestamp", timestamp)
                .header("X-Signature", signature).body(body.replace("1500", "9999")).post("/callbacks/merchant")
                .then().statusCode(401);

        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("pending", topUp().path("status").asText());
    }

    @Test
    void statuses_shouldOnlyMoveForward_andTimeoutExpireIt() {
        Instant now = clock.instant();
        Merchant.send(Merchant.callback("processing", "0", topUpId, uuid), Merchant.SECRET, now).then()
                .body("result", equalTo("advanced"));
        Merchant.send(Merchant.callback("pending", "0", topUpId, uuid), Merchant.SECRET, now).then()
                .body("result", equalTo("recorded"));
        Merchant.statusIs(uuid, "timeout", "0");
        Merchant.send(Merchant.callback("timeout", "0", topUpId, uuid), Merchant.SECRET, now).then()
                .body("result", equalTo("closed"));
        assertEquals("expired", topUp().path("status").asText());

        // a payment confirmed after all is still credited
        Merchant.statusIs(uuid, "success", "1500");
        Merchant.send(Merchant.callback("success", "1500", topUpId, uuid), Merchant.SECRET, now).then()
                .body("result", equalTo("credited"));
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aCallbackNamingAnotherGatewayOrder_shouldBe409_andChangeNothing() {
        Merchant.send(Merchant.callback("success", "1500", topUpId, "someone-elses-order"), Merchant.SECRET,
                clock.instant()).then().statusCode(409).body("error", equalTo("order_mismatch"));
        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void underpayment_shouldCreditWhatCame_andFlagIt() {
        Merchant.statusIs(uuid, "success", "1200.50");
        Merchant.send(Merchant.callback("success", "1200.50", topUpId, uuid), Merchant.SECRET, clock.instant()).then()
                .body("result", equalTo("credited"));

        JsonNode topUp = topUp();
        assertEquals("1200.50", topUp.path("creditedAmount").asText());
        assertEquals("underpaid", topUp.path("flags").path(0).asText());
    }

    @Test
    void twentyConcurrentCopies_shouldCreditOnce() throws Exception {
        Merchant.statusIs(uuid, "success", "1500");
        byte[] body = Merchant.callback("success", "1500", topUpId, uuid).getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = MerchantGatewaySignature.sign(Merchant.SECRET, timestamp, body);
        List<String> results = CallbackStorm.send(handler, 20, "/callbacks/merchant", Map.of(
                "content-type", "application/json", "x-timestamp", timestamp, "x-signature", signature), body);

        assertEquals(1, results.stream().filter("credited"::equals).count(), results.toString());
        assertTrue(results.stream().allMatch(r -> r.equals("credited") || r.equals("duplicate")), results.toString());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    private io.restassured.response.Response create(Buyer who) {
        return Orders.as(who).contentType("application/json")
                .body("{\"paymentProvider\":\"merchant\",\"quoteAmount\":\"100\"}").post("/api/topups/fiat/");
    }

    private JsonNode topUp() {
        return Json.parse(Orders.as(buyer).get("/api/topups/fiat/" + topUpId).then().statusCode(200).extract()
                .asString());
    }
}
