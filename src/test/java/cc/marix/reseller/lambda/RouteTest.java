package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouteTest {

    private final Route webhook = new Route("POST", "/api/orders/webhooks/{partner}/notification");

    @Test
    void matches_shouldBindOneSegmentPerVariable() {
        assertTrue(webhook.matches("POST", "/api/orders/webhooks/demo/notification"));
        assertTrue(webhook.matches("post", "/api/orders/webhooks/demo/notification/"));
        assertFalse(webhook.matches("POST", "/api/orders/webhooks//notification"));
        assertFalse(webhook.matches("POST", "/api/orders/webhooks/a/b/notification"));
        assertFalse(webhook.matches("GET", "/api/orders/webhooks/demo/notification"));
        assertFalse(webhook.matches("POST", "/api/orders/webhooks/demo"));
    }

    @Test
    void serves_shouldKeepEachFunctionToItsOwnRoutes() {
        assertTrue(Functions.serves(Functions.PARTNER_WEBHOOK, "POST", "/api/orders/webhooks/demo/notification"));
        assertFalse(Functions.serves(Functions.ADMIN, "POST", "/api/orders/webhooks/demo/notification"));
        assertTrue(Functions.serves(Functions.ALL, "POST", "/api/orders/webhooks/demo/notification"));
        assertFalse(Functions.serves(Functions.ALL, "GET", "/anything"));
        assertFalse(Functions.serves("no-such-function", "POST", "/api/orders/webhooks/demo/notification"));
    }
}
