package cc.marix.reseller.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.WireMockServer;

import cc.marix.reseller.apiorder.OrderPayments;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentProgress;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.OrderToPay;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code POST /api/orders/{id}/pay} with Tribute, and the order's fate when Tribute says it is paid: delivered as a
 * balance-paid order is, or, paid after the order expired, credited to the balance.
 */
@QuarkusTest
class OrderPaymentTest {

    private static final String EXPIRY = "{\"job\": \"order-expiry\"}";

    @Inject
    TestClock clock;

    @Inject
    LambdaHttpHandler handler;

    @Inject
    OrderPayments orderPayments;

    @Inject
    PaymentStore payments;

    @Inject
    PaymentProgress progress;

    private WireMockServer provider;
    private OrderToPay toPay;
    private Fixtures.Stocked stocked;
    private Buyer buyer;

    @BeforeEach
    void setUp() {
        toPay = OrderToPay.create();
        provider = ProvidersResource.server();
        stocked = toPay.stocked();
        buyer = toPay.buyer();
    }

    @Test
    void pay_shouldOpenOneTributePage_thenThePaidOrderIsDelivered() {
        String orderId = toPay.orderId();
        String uuid = Tribute.willCreate();

        JsonNode checkout = toPay.pay().then().statusCode(200).extract().as(JsonNode.class);
        JsonNode again = toPay.pay().then().statusCode(200).extract().as(JsonNode.class);

        assertEquals(uuid, checkout.path("confirmationToken").asText());
        assertEquals("https://web.tribute.tg/shop/pay/" + uuid, checkout.path("confirmationUrl").asText());
        assertEquals("https://marix.cc/payments/return", checkout.path("returnUrl").asText());
        assertEquals(checkout, again, "the live payment is returned, not a second one");
        provider.verify(1, postRequestedFor(urlEqualTo(Tribute.ORDERS))
                .withHeader("Api-Key", WireMock.equalTo(Tribute.API_KEY))
                .withRequestBody(equalToJson("{\"amount\":499000,\"currency\":\"rub\",\"title\":\"Order " + orderId
                        + "\"}", true, true)));

        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 499000)).then().statusCode(200).body("result", equalTo("credited"));

        JsonNode order = toPay.order();
        assertEquals("completed", order.path("status").asText(), order.toString());
        assertTrue(stocked.codes().contains(order.path("items").path(0).path("externalData").path(0).asText()));
        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("0.00", Orders.balance(buyer, "rub", "reserved"));
        toPay.pay().then().statusCode(409).body("error", equalTo("order_not_payable"));
    }

    @Test
    void paidAfterTheOrderExpired_shouldGoToTheBalance_andTheOrderStayCancelled() {
        String orderId = toPay.orderId();
        String uuid = Tribute.willCreate();
        toPay.pay().then().statusCode(200);
        clock.advance(Duration.ofMinutes(31));
        TestStack.invoke(EXPIRY);
        assertEquals("cancelled", toPay.order().path("status").asText());

        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 499000)).then().statusCode(200).body("result", equalTo("credited"));

        JsonNode order = toPay.order();
        assertEquals("cancelled", order.path("status").asText());
        assertEquals("payment_expired", order.path("cancelReason").asText());
        assertEquals("4990.00", Orders.available(buyer, "rub"));
        assertEquals(2, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void aRefundOfAPaymentThatWentToTheBalance_shouldTakeItBack() {
        String orderId = toPay.orderId();
        String uuid = Tribute.willCreate();
        toPay.pay().then().statusCode(200);
        clock.advance(Duration.ofMinutes(31));
        TestStack.invoke(EXPIRY);
        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 499000)).then().statusCode(200).body("result", equalTo("credited"));
        assertEquals("4990.00", Orders.available(buyer, "rub"));

        Tribute.statusIs(uuid, "refunded");
        Tribute.send(Tribute.event("shop_order_refunded", uuid, null, 499000, "rub", "x")).then().statusCode(200)
                .body("result", equalTo("refunded"));

        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aRefundArrivingBetweenSettleAndMark_shouldStillBeTakenBackFromTheBalance() {
        String orderId = toPay.orderId();
        String uuid = Tribute.willCreate();
        toPay.pay().then().statusCode(200);
        clock.advance(Duration.ofMinutes(31));
        TestStack.invoke(EXPIRY);
        // the payment was applied (the order expired: to the balance), then the function died before marking it
        orderPayments.settle(orderId, "tribute:" + uuid);
        assertEquals("4990.00", Orders.available(buyer, "rub"));

        Tribute.statusIs(uuid, "refunded");
        Tribute.send(Tribute.event("shop_order_refunded", uuid, null, 499000, "rub", "x")).then().statusCode(200)
                .body("result", equalTo("refunded"));

        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aPaymentWithMoneyOnItsWay_shouldStayTheOrdersPayment_pastItsWindow() {
        String orderId = toPay.orderId();
        String uuid = Tribute.willCreate();
        JsonNode first = toPay.pay().then().statusCode(200).extract().as(JsonNode.class);
        Tribute.send(Tribute.event("shop_order_payment_received", uuid, null, 499000, "rub", "x")).then()
                .statusCode(200).body("result", equalTo("advanced"));
        clock.advance(Duration.ofMinutes(31));
        Tribute.willCreate();

        JsonNode again = toPay.pay().then().statusCode(200).extract().as(JsonNode.class);

        assertEquals(first, again, "no second page while the first one's money is on its way");
    }

    @Test
    void underpaidOrder_shouldStayUnpaid_andWhatCameGoToTheBalance() {
        String orderId = toPay.orderId();
        String uuid = Tribute.willCreate();
        toPay.pay().then().statusCode(200);
        // Tribute's status names no amount, so its webhook cannot claim less than asked; a provider whose answer
        // names one (the gateway, the exchanger) can, as this poll does
        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 400000)).then().statusCode(200).body("result", equalTo("unconfirmed"));
        Payment payment = payments.forOrder(orderId).orElseThrow();
        progress.apply(payment, new ProviderUpdate("paid", ProviderUpdate.Phase.PAID, 10, new BigDecimal("4000.00"),
                "poll:paid", ProviderUpdate.POLL));

        assertEquals("pending_payment", toPay.order().path("status").asText());
        assertEquals("4000.00", Orders.available(buyer, "rub"));
    }

    @Test
    void tributeDown_shouldBe503_andLeaveTheOrderPayable() {
        String orderId = toPay.orderId();
        provider.stubFor(post(urlEqualTo(Tribute.ORDERS)).willReturn(aResponse().withStatus(503)));
        toPay.pay().then().statusCode(502).body("error", equalTo("provider_error"));

        String uuid = Tribute.willCreate();
        toPay.pay().then().statusCode(200).body("confirmationToken", equalTo(uuid));
    }

    @Test
    void onlyTheOwnersPendingOrder_shouldBePayable() {
        String orderId = toPay.orderId();
        Tribute.willCreate();

        Orders.as(Orders.buyer(null)).post("/api/orders/" + orderId + "/pay").then().statusCode(404)
                .body("error", equalTo("order_not_found"));
        Orders.as(buyer).post("/api/orders/" + UUID.randomUUID() + "/pay").then().statusCode(404);
        Orders.as(buyer).post("/api/orders/nope/pay").then().statusCode(422);
        Catalogs.as("wrong-key").post("/api/orders/" + orderId + "/pay").then().statusCode(401);
        provider.verify(0, postRequestedFor(urlEqualTo(Tribute.ORDERS)));
    }

    @Test
    void concurrentPayRequests_shouldAllGetTheOnePayment() throws Exception {
        String orderId = toPay.orderId();
        Tribute.willCreate();
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> {
                APIGatewayV2HTTPResponse answer = handler.handleRequest(HttpEvents.api("POST",
                        "/api/orders/" + orderId + "/pay", "", buyer.apiKey(), null), null);
                assertEquals(200, answer.getStatusCode(), answer.getBody());
                return Json.parse(answer.getBody()).path("id").asText();
            });
        }

        List<String> ids = Storm.run(calls, Duration.ofSeconds(60));

        assertEquals(1, new HashSet<>(ids).size(), ids.toString());
    }

    @Test
    void afterTheProviderFailedIt_payShouldOpenAFreshPayment_andTheClosedWindowCancelAsPaymentFailure() {
        String orderId = toPay.orderId();
        String first = Tribute.willCreate();
        JsonNode failed = toPay.pay().then().statusCode(200).extract().as(JsonNode.class);
        cancelledAtTribute(first);

        String second = Tribute.willCreate();
        JsonNode fresh = toPay.pay().then().statusCode(200).extract().as(JsonNode.class);
        JsonNode again = toPay.pay().then().statusCode(200).extract().as(JsonNode.class);

        assertTrue(!failed.path("id").equals(fresh.path("id")), "a new payment: " + fresh);
        assertEquals("https://web.tribute.tg/shop/pay/" + second, fresh.path("confirmationUrl").asText());
        assertEquals(fresh, again, "the live payment is returned while it is live");
        provider.verify(2, postRequestedFor(urlEqualTo(Tribute.ORDERS)));

        cancelledAtTribute(second);
        clock.advance(Duration.ofMinutes(31));
        TestStack.invoke(EXPIRY);
        JsonNode order = toPay.order();
        assertEquals("cancelled", order.path("status").asText());
        assertEquals("payment_failure", order.path("cancelReason").asText(), order.toString());
    }

    @Test
    void aFailedPaymentFollowedByAnOpenOne_shouldExpireAsPaymentExpired() {
        String orderId = toPay.orderId();
        String first = Tribute.willCreate();
        toPay.pay().then().statusCode(200);
        cancelledAtTribute(first);
        Tribute.willCreate();
        toPay.pay().then().statusCode(200);

        clock.advance(Duration.ofMinutes(31));
        TestStack.invoke(EXPIRY);

        assertEquals("payment_expired", toPay.order().path("cancelReason").asText(), "its last payment never failed");
    }

    @Test
    void anAttemptTributeReportsFailed_shouldKeepItsPage_andExpireAsPaymentFailure() {
        String orderId = toPay.orderId();
        String uuid = Tribute.willCreate();
        JsonNode first = toPay.pay().then().statusCode(200).extract().as(JsonNode.class);
        Tribute.send(Tribute.event("shop_order_payment_failed", uuid, null, 499000, "rub", "x")).then()
                .statusCode(200).body("result", equalTo("advanced"));

        assertEquals(first, toPay.pay().then().statusCode(200).extract().as(JsonNode.class),
                "Tribute's page takes another attempt: it stays the order's payment");
        clock.advance(Duration.ofMinutes(31));
        TestStack.invoke(EXPIRY);
        assertEquals("payment_failure", toPay.order().path("cancelReason").asText());
    }

    @Test
    void concurrentPayRequestsAfterAFailure_shouldOpenOneFreshPayment() throws Exception {
        String orderId = toPay.orderId();
        String first = Tribute.willCreate();
        String failedId = toPay.pay().then().statusCode(200).extract().as(JsonNode.class).path("id").asText();
        cancelledAtTribute(first);
        Tribute.willCreate();
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> {
                APIGatewayV2HTTPResponse answer = handler.handleRequest(HttpEvents.api("POST",
                        "/api/orders/" + orderId + "/pay", "", buyer.apiKey(), null), null);
                // a request that lost the race while the winner was still writing may be asked to retry
                if (answer.getStatusCode() == 503) {
                    return "retry";
                }
                assertEquals(200, answer.getStatusCode(), answer.getBody());
                return Json.parse(answer.getBody()).path("id").asText();
            });
        }

        List<String> ids = Storm.run(calls, Duration.ofSeconds(60));

        HashSet<String> opened = new HashSet<>(ids);
        opened.remove("retry");
        assertEquals(1, opened.size(), ids.toString());
        assertTrue(!opened.contains(failedId), ids.toString());
        assertEquals(opened.iterator().next(), payments.forOrder(orderId).orElseThrow().paymentId());
    }

    /** Tribute cancels the payment (its status call agrees, so the callback is applied: closed failed). */
    private static void cancelledAtTribute(String uuid) {
        Tribute.statusIs(uuid, "cancelled");
        Tribute.send(Tribute.event("shop_order_cancelled", uuid, null, 499000, "rub", "x")).then().statusCode(200)
                .body("result", equalTo("closed"));
    }
}
