package cc.marix.reseller.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.Notifications;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Pins the DynamoDB calls of one notification, counted by the SDK interceptor: they are the cost of the system. The
 * partner is read once per warm function, so each case first warms it, as a live function would be.
 */
@QuarkusTest
class PartnerWebhookRoundTripTest {

    @Inject
    LambdaHttpHandler handler;

    @Test
    void freshDelivery_shouldTakeTwoCalls_andARepeatTwo() {
        Stocked stocked = Fixtures.product(3);
        TestPartner partner = Fixtures.partner(stocked.productId());
        warm(partner, stocked);

        APIGatewayV2HTTPEvent event = event(partner, stocked, Fixtures.unique("RT"));
        Map<String, Long> fresh = callsDuring(() -> assertEquals(200, handler.handleRequest(event, null).getStatusCode()));
        assertEquals(Map.of("Query", 1L, "TransactWriteItems", 1L), fresh);

        Map<String, Long> repeat = callsDuring(() -> {
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
            assertEquals(200, response.getStatusCode());
            assertEquals("true", response.getHeaders().get("Idempotent-Replayed"));
        });
        assertTrue(total(repeat) <= 2, "a repeat costs at most 2 calls: " + repeat);
    }

    @Test
    void outOfStock_shouldTakeTwoCalls() {
        Stocked stocked = Fixtures.product(1);
        TestPartner partner = Fixtures.partner(stocked.productId());
        warm(partner, stocked);

        Map<String, Long> calls = callsDuring(() -> assertEquals(409,
                handler.handleRequest(event(partner, stocked, Fixtures.unique("RT")), null).getStatusCode()));
        assertEquals(Map.of("Query", 1L, "BatchGetItem", 1L), calls);
    }

    /** Loads the partner into the function's cache; a 409 or 200, either way the partner is now warm. */
    private void warm(TestPartner partner, Stocked stocked) {
        handler.handleRequest(event(partner, stocked, Fixtures.unique("WARM")), null);
    }

    private static APIGatewayV2HTTPEvent event(TestPartner partner, Stocked stocked, String externalOrderId) {
        return Notifications.event(partner.slug(),
                Notifications.bytes(Notifications.orderPaid(externalOrderId, stocked.productId(), 1)),
                partner.secret(), PartnerWebhookTest.newEventId());
    }

    private static Map<String, Long> callsDuring(Runnable action) {
        Map<String, Long> before = DynamoCallCounter.snapshot();
        action.run();
        Map<String, Long> delta = new HashMap<>();
        DynamoCallCounter.snapshot().forEach((operation, count) -> {
            long added = count - before.getOrDefault(operation, 0L);
            if (added > 0) {
                delta.put(operation, added);
            }
        });
        return delta;
    }

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }
}
