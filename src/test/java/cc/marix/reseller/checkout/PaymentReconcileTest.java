package cc.marix.reseller.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;

import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentProgress;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Merchant;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;

/** The reconcile schedule against a test clock: a callback that never came is made up for; unpaid ones close. */
@QuarkusTest
class PaymentReconcileTest {

    private static final String RECONCILE = "{\"job\": \"payment-reconcile\"}";

    @Inject
    TestClock clock;

    @Inject
    PaymentStore payments;

    @Inject
    PaymentProgress progress;

    private Buyer buyer;
    private String uuid;
    private String topUpId;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
        buyer = Orders.buyer(null);
        uuid = UUID.randomUUID().toString();
        topUpId = Tribute.topUp(buyer, "700", uuid).path("id").asText();
    }

    @Test
    void aMissedCallback_shouldBeRecoveredByPolling_andCreditOnce() {
        Tribute.statusIs(uuid, "paid");
        JsonNode early = Json.parse(TestStack.invoke(RECONCILE));
        assertEquals("pending", topUp().path("status").asText(), "not due before its poll interval: " + early);

        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);

        assertEquals("completed", topUp().path("status").asText());
        assertEquals("700.00", Orders.available(buyer, "rub"));
        ProvidersResource.server().verify(getRequestedFor(urlEqualTo(Tribute.ORDERS + "/" + uuid + "/status"))
                .withHeader("Api-Key", WireMock.equalTo(Tribute.API_KEY)));
        // the webhook arriving after all changes nothing
        Tribute.send(Tribute.paid(uuid, 70000)).then().statusCode(200).body("result", equalTo("recorded"));
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        assertEquals("700.00", Orders.available(buyer, "rub"));
    }

    @Test
    void anUnpaidTopUp_shouldBeAskedAbout_untilItsWindowAndGracePass_thenClosedExpired() {
        Tribute.statusIs(uuid, "pending");
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        assertEquals("pending", topUp().path("status").asText());

        clock.advance(Duration.ofMinutes(45));
        TestStack.invoke(RECONCILE);
        assertEquals("expired", topUp().path("status").asText());

        // money that still comes is never dropped
        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 70000)).then().statusCode(200).body("result", equalTo("credited"));
        assertEquals("completed", topUp().path("status").asText());
        assertEquals("700.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aLatePaymentWithItsCallbackLost_shouldBeCreditedOnce_byThePollAnHourAfterTheClose() {
        expire();
        Tribute.statusIs(uuid, "paid");

        clock.advance(Duration.ofMinutes(58));
        TestStack.invoke(RECONCILE);
        assertEquals(0, statusPolls(), "no late poll before its hour");
        assertEquals("expired", topUp().path("status").asText());

        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        assertEquals(1, statusPolls());
        assertEquals("completed", topUp().path("status").asText());
        assertEquals("700.00", Orders.available(buyer, "rub"));

        // credited: off the list, so the later looks never come, and nothing is credited twice
        for (int hours : new int[] {6, 24, 72}) {
            clock.advance(Duration.ofHours(hours));
            TestStack.invoke(RECONCILE);
        }
        assertEquals(1, statusPolls());
        assertEquals("700.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aLatePollRacingTheLateWebhook_shouldCreditOnce() throws Exception {
        expire();
        Tribute.statusIs(uuid, "paid");
        clock.advance(Duration.ofMinutes(61));

        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            racers.add(() -> TestStack.invoke(RECONCILE));
            racers.add(() -> Tribute.send(Tribute.paid(uuid, 70000)).then().statusCode(200).extract().asString());
        }
        Storm.run(racers, Duration.ofSeconds(30));

        assertEquals("completed", topUp().path("status").asText());
        assertEquals("700.00", Orders.available(buyer, "rub"));
        assertEquals(1, payments.find(topUpId).orElseThrow().events().stream()
                .filter(event -> event.detail().startsWith("paid:")).count());
    }

    @Test
    void anExpiredPaymentNobodyPays_shouldBeAskedAt1h6h24hAnd72h_thenNoMore() {
        expire();
        int[] hoursAfterClose = {1, 6, 24, 72};
        Duration passed = Duration.ZERO;
        for (int i = 0; i < hoursAfterClose.length; i++) {
            Duration due = Duration.ofHours(hoursAfterClose[i]);
            clock.advance(due.minus(passed).minusMinutes(2));
            TestStack.invoke(RECONCILE);
            assertEquals(i, statusPolls(), "not before " + due);
            clock.advance(Duration.ofMinutes(3));
            TestStack.invoke(RECONCILE);
            TestStack.invoke(RECONCILE);
            assertEquals(i + 1, statusPolls(), "once at " + due);
            passed = due.plusMinutes(1);
        }

        Tribute.statusIs(uuid, "paid");
        clock.advance(Duration.ofHours(200));
        TestStack.invoke(RECONCILE);
        assertEquals(hoursAfterClose.length, statusPolls());
        assertEquals("expired", topUp().path("status").asText());
        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aPaymentTheProviderItselfTimedOut_shouldLeaveTheList_andNeverBeAskedAgain() {
        String gatewayUuid = UUID.randomUUID().toString();
        String merchantTopUp = Merchant.topUp(buyer, "1500", gatewayUuid).path("id").asText();
        Merchant.statusIs(gatewayUuid, "timeout", "0");
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        assertEquals("expired", payments.find(merchantTopUp).orElseThrow().status().wire());
        int asked = merchantPolls(gatewayUuid);

        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofHours(12));
            TestStack.invoke(RECONCILE);
        }

        assertEquals(asked, merchantPolls(gatewayUuid), "the gateway's own timeout is final: nobody asks again");
    }

    @Test
    void anUnreachableProvider_shouldCloseNothing() {
        ProvidersResource.server().stubFor(get(urlEqualTo(Tribute.ORDERS + "/" + uuid + "/status"))
                .willReturn(aResponse().withStatus(500)));
        clock.advance(Duration.ofMinutes(50));

        TestStack.invoke(RECONCILE);

        assertEquals("pending", topUp().path("status").asText());
        Tribute.statusIs(uuid, "paid");
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        assertEquals("completed", topUp().path("status").asText());
    }

    @Test
    void aMissedIpn_shouldBeRecoveredByPollingTheExchanger() {
        String order = "65d" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
        String cryptoId = Exchanger.topUp(buyer, "910", order, "10").path("id").asText();
        Exchanger.statusIs(order, "done", "910");
        clock.advance(Duration.ofMinutes(3));

        TestStack.invoke(RECONCILE);

        JsonNode topUp = Json.parse(Orders.as(buyer).get("/api/topups/crypto/" + cryptoId).then().statusCode(200)
                .extract().asString());
        assertEquals("completed", topUp.path("status").asText(), topUp.toString());
        assertEquals("910.00", topUp.path("creditedAmount").asText());
        ProvidersResource.server().verify(getRequestedFor(urlPathEqualTo(Exchanger.INFO))
                .withQueryParam("orderId", WireMock.equalTo(order))
                .withHeader("x-api-key", WireMock.equalTo(Exchanger.API_KEY)));
    }

    @Test
    void moneyOnItsWay_shouldNeverBeClosedAsExpired_butWatchedUntilDone() {
        String order = objectId();
        String cryptoId = Exchanger.topUp(buyer, "910", order, "10").path("id").asText();
        Exchanger.statusIs(order, "inProgress", "910");
        clock.advance(Duration.ofMinutes(50));

        TestStack.invoke(RECONCILE);
        assertEquals("pending", crypto(cryptoId).path("status").asText());

        Exchanger.statusIs(order, "done", "910");
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        assertEquals("completed", crypto(cryptoId).path("status").asText());
        assertEquals("910.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aBuyerPayingAfterTheClose_shouldBeWatchedAgain_andCredited() {
        String order = objectId();
        String cryptoId = Exchanger.topUp(buyer, "910", order, "10").path("id").asText();
        Map<String, String> create = Exchanger.lastCreate();
        Exchanger.statusIs(order, "waitPayment", "910");
        clock.advance(Duration.ofMinutes(50));
        TestStack.invoke(RECONCILE);
        assertEquals("expired", crypto(cryptoId).path("status").asText());

        // the exchanger got the money after all; its only IPN says so, the final one is lost
        Exchanger.send(create.get("ipnUrl"), Exchanger.ipn(order, "inProgress", "10", "1", create.get("ipnSecret")))
                .then().statusCode(200).body("result", equalTo("advanced"));
        Exchanger.statusIs(order, "done", "910");
        TestStack.invoke(RECONCILE);

        assertEquals("completed", crypto(cryptoId).path("status").asText());
        assertEquals("910.00", Orders.available(buyer, "rub"));
    }

    @Test
    void anExpiryDecidedBeforeNewsOfMoney_shouldNotClose() {
        String order = objectId();
        String cryptoId = Exchanger.topUp(buyer, "910", order, "10").path("id").asText();
        Map<String, String> create = Exchanger.lastCreate();
        Payment read = payments.find(cryptoId).orElseThrow();
        // the reconcile function read rank -1 and decided to expire; an IPN of money on its way lands first
        Exchanger.send(create.get("ipnUrl"), Exchanger.ipn(order, "inProgress", "10", "1", create.get("ipnSecret")))
                .then().statusCode(200).body("result", equalTo("advanced"));

        PaymentProgress.Applied applied = progress.apply(read, new ProviderUpdate(read.providerStatus(),
                ProviderUpdate.Phase.EXPIRED, read.providerRank(), null, "reconcile:expired", "reconcile"));

        assertEquals(PaymentProgress.Applied.RECORDED, applied);
        assertEquals("pending", crypto(cryptoId).path("status").asText());
    }

    /** Closes the top-up expired (its window and grace pass, Tribute says pending), then forgets the polls so far. */
    private static int merchantPolls(String gatewayUuid) {
        return ProvidersResource.server().findAll(getRequestedFor(urlEqualTo(Merchant.ORDERS + "/" + gatewayUuid)))
                .size();
    }

    private void expire() {
        Tribute.statusIs(uuid, "pending");
        clock.advance(Duration.ofMinutes(50));
        TestStack.invoke(RECONCILE);
        assertEquals("expired", topUp().path("status").asText());
        ProvidersResource.server().resetRequests();
    }

    private int statusPolls() {
        return ProvidersResource.server().findAll(getRequestedFor(urlEqualTo(Tribute.ORDERS + "/" + uuid
                + "/status"))).size();
    }

    private JsonNode crypto(String id) {
        return Json.parse(Orders.as(buyer).get("/api/topups/crypto/" + id).then().statusCode(200).extract()
                .asString());
    }

    private static String objectId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private JsonNode topUp() {
        return Json.parse(Orders.as(buyer).get("/api/topups/fiat/" + topUpId).then().statusCode(200).extract()
                .asString());
    }
}
