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

    @Test
    void serves_shouldGiveALiteralSegmentToItsOwnFunction_notToAVariableOfAnother() {
        assertTrue(Functions.serves(Functions.PRODUCTS_SEARCH, "GET", "/api/products/search"));
        assertFalse(Functions.serves(Functions.PRODUCT_GET, "GET", "/api/products/search"));
        assertTrue(Functions.serves(Functions.PRODUCT_GET, "GET", "/api/products/demo-game-key"));
        assertFalse(Functions.serves(Functions.PRODUCTS_SEARCH, "GET", "/api/products/demo-game-key"));
        assertTrue(Functions.serves(Functions.PRODUCTS_LIST, "GET", "/api/products/"));
        assertTrue(Functions.serves(Functions.PRODUCTS_LIST, "GET", "/api/products"));
        assertFalse(Functions.serves(Functions.PRODUCT_GET, "GET", "/api/products/"));
        assertTrue(Functions.serves(Functions.CATEGORIES_LIST, "GET", "/api/categories/"));
        assertTrue(Functions.serves(Functions.CATEGORY_GET, "GET", "/api/categories/games"));
        assertFalse(Functions.serves(Functions.CATEGORIES_LIST, "GET", "/api/categories/games"));
        assertFalse(Functions.serves(Functions.CATEGORY_GET, "POST", "/api/categories/games"));
    }
}
