package cc.marix.reseller.checkout;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Merchant;
import cc.marix.reseller.testing.OrderToPay;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.OrdersThroughMerchant;
import cc.marix.reseller.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With the merchant gateway taking order payments, its callback pays and delivers the order, once. */
@QuarkusTest
@TestProfile(OrdersThroughMerchant.class)
class MerchantOrderPaymentTest {

    @Inject
    TestClock clock;

    private OrderToPay toPay;

    @BeforeEach
    void setUp() {
        toPay = OrderToPay.create();
    }

    @Test
    void aSuccessCallback_shouldPayAndDeliverTheOrder_once() {
        String uuid = UUID.randomUUID().toString();
        Merchant.willCreate(uuid);
        String paymentId = Json.parse(toPay.pay().then().statusCode(200).extract().asString()).path("id").asText();
        Merchant.statusIs(uuid, "success", "4990");
        String callback = Merchant.callback("success", "4990", paymentId, uuid);

        Merchant.send(callback, Merchant.SECRET, clock.instant()).then().statusCode(200);
        Merchant.send(callback, Merchant.SECRET, clock.instant()).then().statusCode(200);

        JsonNode order = toPay.order();
        assertEquals("completed", order.path("status").asText(), order.toString());
        assertTrue(toPay.stocked().codes().contains(order.path("items").path(0).path("externalData").path(0)
                .asText()));
        assertEquals(1, Fixtures.stock(toPay.stocked().productId()).path("available").asLong());
        assertEquals("0.00", Orders.available(toPay.buyer(), "rub"));
        toPay.pay().then().statusCode(409).body("error", equalTo("order_not_payable"));
    }
}
