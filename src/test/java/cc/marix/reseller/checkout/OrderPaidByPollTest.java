package cc.marix.reseller.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.OrderToPay;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An order whose Tribute webhook never came is paid and delivered by {@code payment-reconcile} alone: the poll pays
 * the order as the webhook would (and needs the same table access, which template.yaml grants it).
 */
@QuarkusTest
class OrderPaidByPollTest {

    @Inject
    TestClock clock;

    private OrderToPay toPay;

    @BeforeEach
    void setUp() {
        toPay = OrderToPay.create();
    }

    @Test
    void aPaidOrderWhoseWebhookWasLost_shouldBeDeliveredByReconcile_once() {
        String uuid = Tribute.willCreate();
        toPay.pay().then().statusCode(200);
        Tribute.statusIs(uuid, "paid");

        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke("{\"job\": \"payment-reconcile\"}");
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke("{\"job\": \"payment-reconcile\"}");

        JsonNode order = toPay.order();
        assertEquals("completed", order.path("status").asText(), order.toString());
        assertTrue(toPay.stocked().codes().contains(order.path("items").path(0).path("externalData").path(0)
                .asText()));
        assertEquals(1, Fixtures.stock(toPay.stocked().productId()).path("available").asLong());
        assertEquals("0.00", Orders.available(toPay.buyer(), "rub"));
    }
}
