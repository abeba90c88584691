package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

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

    @Test
    void allowedMethods_shouldListEveryMethodOfThePath_acrossFunctions() {
        assertEquals(Set.of("GET", "POST"), Functions.allowedMethods(Functions.ALL, "/api/orders/"));
        assertEquals(Set.of("GET", "POST"), Functions.allowedMethods(Functions.ORDERS_LIST, "/api/orders"));
        assertEquals(Set.of("GET", "POST"), Functions.allowedMethods(Functions.ORDER_CREATE, "/api/orders/"));
        assertEquals(Set.of("POST"), Functions.allowedMethods(Functions.ALL, "/api/orders/019d/pay"));
        assertEquals(Set.of("GET"), Functions.allowedMethods(Functions.ALL, "/api/orders/019d"));
        assertEquals(Set.of("POST"),
                Functions.allowedMethods(Functions.PARTNER_WEBHOOK, "/api/orders/webhooks/demo/notification"));
    }

    @Test
    void allowedMethods_shouldTakeTheMostSpecificPath_asServesDoes() {
        assertEquals(Set.of("GET"), Functions.allowedMethods(Functions.PRODUCTS_SEARCH, "/api/products/search"));
        // the literal route is products-search's, so product-get's {product_id_or_slug} does not make it its path
        assertEquals(Set.of(), Functions.allowedMethods(Functions.PRODUCT_GET, "/api/products/search"));
        assertEquals(Set.of("GET"), Functions.allowedMethods(Functions.PRODUCT_GET, "/api/products/demo-game-key"));
    }

    @Test
    void allowedMethods_shouldBeEmpty_forAnUnknownPathOrAnotherFunctionsPath() {
        assertEquals(Set.of(), Functions.allowedMethods(Functions.ALL, "/api/nope"));
        assertEquals(Set.of(), Functions.allowedMethods(Functions.ALL, "/api/orders/019d/pay/more"));
        assertEquals(Set.of(), Functions.allowedMethods(Functions.PARTNER_WEBHOOK, "/api/orders/"));
        assertEquals(Set.of(), Functions.allowedMethods(Functions.ADMIN, "/api/orders/webhooks/demo/notification"));
        assertEquals(Set.of(), Functions.allowedMethods(Functions.TRIBUTE_WEBHOOK, "/callbacks/merchant"));
    }
}
