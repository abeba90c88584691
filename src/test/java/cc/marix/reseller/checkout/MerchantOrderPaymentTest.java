package cc.marix.reseller.checkout;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Merchant;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.OrdersThroughMerchant;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With the merchant gateway taking order payments, its callback pays and delivers the order, once. */
@QuarkusTest
@TestProfile(OrdersThroughMerchant.class)
class MerchantOrderPaymentTest {

    @Inject
    TestClock clock;

    private Fixtures.Stocked stocked;
    private Buyer buyer;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        ProvidersResource.server().resetAll();
        stocked = Fixtures.product(2);
        buyer = Orders.buyer(null);
    }

    @Test
    void aSuccessCallback_shouldPayAndDeliverTheOrder_once() {
        String orderId = Json.parse(Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then()
                .statusCode(200).extract().asString()).path("id").asText();
        String uuid = UUID.randomUUID().toString();
        Merchant.willCreate(uuid);
        String paymentId = Json.parse(Orders.as(buyer).post("/api/orders/" + orderId + "/pay").then().statusCode(200)
                .extract().asString()).path("id").asText();
        Merchant.statusIs(uuid, "success", "4990");
        String callback = Merchant.callback("success", "4990", paymentId, uuid);

        Merchant.send(callback, Merchant.SECRET, clock.instant()).then().statusCode(200);
        Merchant.send(callback, Merchant.SECRET, clock.instant()).then().statusCode(200);

        JsonNode order = Json.parse(Orders.as(buyer).get("/api/orders/" + orderId).then().statusCode(200).extract()
                .asString());
        assertEquals("completed", order.path("status").asText(), order.toString());
        assertTrue(stocked.codes().contains(order.path("items").path(0).path("externalData").path(0).asText()));
        assertEquals(1, Fixtures.stock(stocked.productId()).path("available").asLong());
        assertEquals("0.00", Orders.available(buyer, "rub"));
        Orders.as(buyer).post("/api/orders/" + orderId + "/pay").then().statusCode(409)
                .body("error", equalTo("order_not_payable"));
    }
}
