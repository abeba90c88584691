package cc.marix.reseller.apiorder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.account.KeyOwners;
import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** {@code POST /api/orders/} through the HTTP API front, the Lambda handler and DynamoDB Local. */
@QuarkusTest
class OrderApiTest {

    @Inject
    TestClock clock;

    private Fixtures.Stocked stocked;

    @BeforeEach
    void stock() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        stocked = Fixtures.product(3);
    }

    @Test
    void paidFromTheBalance_shouldCompleteWithACodeFromStock_andSpendThePrice() {
        Buyer buyer = Orders.buyer("10000.00");

        JsonNode order = json(Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then().statusCode(200));

        assertEquals("completed", order.path("status").asText(), order.toString());
        assertEquals("4990.00", order.path("price").asText());
        assertEquals("rub", order.path("currency").asText());
        assertEquals(false, order.path("isMock").asBoolean());
        String code = order.path("items").path(0).path("externalData").path(0).asText();
        assertTrue(stocked.codes().contains(code), order.toString());
        assertEquals("Товар", order.path("items").path(0).path("product").path("name").asText());
        assertEquals(List.of("created", "delivered"), types(order.path("events")));
        assertEquals("5010.00", Orders.available(buyer, "rub"));
        assertEquals("0.00", Orders.balance(buyer, "rub", "reserved"));
        assertEquals(2, Fixtures.stock(stocked.productId()).path("available").asLong());
        assertTrue(order.path("referralUserId").isNull());
    }

    @Test
    void anOrder_shouldTakeFiveRoundTrips_byProductId() {
        Buyer buyer = Orders.buyer("10000.00");
        ObjectNode body = Orders.body(stocked.productId(), 1, Fixtures.unique("key"));
        long before = DynamoCallCounter.total();

        Orders.post(buyer, body).then().statusCode(200).body("status", equalTo("completed"));

        // key, product partition, codes, the paying transaction, the delivering transaction
        assertEquals(5, DynamoCallCounter.total() - before, DynamoCallCounter.snapshot().toString());
    }

    @Test
    void inUsd_shouldConvertThePrice_andChargeTheUsdBalance() {
        Buyer buyer = Orders.buyer(null);
        Orders.credit(buyer, "usd", "100.00");

        JsonNode order = json(Orders.as(buyer).header("x-currency", "usd")
                .contentType("application/json").body(Json.write(Orders.body(stocked.productId(), 1, null)))
                .post("/api/orders/").then().statusCode(200));

        // 4990 rub at 1 / 92.50 = 53.945..., half-even to 53.95
        assertEquals("53.95", order.path("price").asText());
        assertEquals("usd", order.path("currency").asText());
        assertEquals("completed", order.path("status").asText());
        assertEquals("46.05", Orders.available(buyer, "usd"));
    }

    @Test
    void aPriceRoundingToZeroInTheChargedCurrency_shouldBe422_chargingAndHoldingNothing() {
        String slug = Fixtures.unique("penny");
        ObjectNode catalog = Catalogs.importEvent();
        Catalogs.category(catalog, slug, "Мелочь", null);
        Catalogs.product(catalog, slug + "-item", slug, "Копейка", null, "0.01", "rub");
        String productId = Catalogs.id(Catalogs.load(catalog), "products", slug + "-item");
        Catalogs.stock(productId, 1);
        Buyer buyer = Orders.buyer(null);
        Orders.credit(buyer, "usd", "1.00");

        // 0.01 rub at 1 / 92.50 = 0.000108 usd: a code for 0.00
        JsonNode refused = json(Orders.as(buyer).header("x-currency", "usd").contentType("application/json")
                .body(Json.write(Orders.body(productId, 1, null))).post("/api/orders/").then().statusCode(422));

        assertEquals("price_too_small", refused.path("error").asText(), refused.toString());
        assertEquals(List.of("body", "items", 0, "itemId"), Json.MAPPER.convertValue(refused.path("detail").path(0)
                .path("loc"), List.class));
        assertEquals("1.00", Orders.available(buyer, "usd"));
        assertEquals(1, Fixtures.stock(productId).path("available").asLong());
        // in its own currency it has a price, and is sold
        Orders.credit(buyer, "rub", "1.00");
        Orders.post(buyer, Orders.body(productId, 1, null)).then().statusCode(200).body("price", equalTo("0.01"));
    }

    @Test
    void aShortBalance_shouldWaitForPayment_holdingNothing() {
        Buyer buyer = Orders.buyer("100.00");

        JsonNode order = json(Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then().statusCode(200));

        assertEquals("pending_payment", order.path("status").asText(), order.toString());
        Instant created = Instant.parse(order.path("createdAt").asText());
        assertEquals(created.plus(Duration.ofMinutes(30)), Instant.parse(order.path("paymentExpiresAt").asText()));
        assertEquals(0, order.path("items").path(0).path("externalData").size());
        assertEquals("100.00", Orders.available(buyer, "rub"));
        assertEquals("0.00", Orders.balance(buyer, "rub", "reserved"));
        assertEquals(3, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void outOfStock_shouldBe409_chargingAndHoldingNothing() {
        Buyer buyer = Orders.buyer("100000.00");

        Response refused = Orders.post(buyer, Orders.body(stocked.productId(), 4, null));

        refused.then().statusCode(409).body("error", equalTo("out_of_stock"))
                .body("detail[0].loc", equalTo(List.of("body", "items", 0, "quantity")))
                .body("detail[0].ctx.available", equalTo(3));
        assertEquals("100000.00", Orders.available(buyer, "rub"));
        assertEquals(3, Fixtures.stock(stocked.productId()).path("available").asLong());
        Orders.as(buyer).get("/api/orders/").then()
                .body("total", equalTo(0));
    }

    @Test
    void aMockOrder_shouldDeliverFakeCodes_withoutTouchingBalanceOrStock() {
        Buyer buyer = Orders.buyer(null);
        ObjectNode body = Orders.body(stocked.productId(), 2, null).put("isMock", true);

        JsonNode order = json(Orders.post(buyer, body).then().statusCode(200));

        assertEquals("completed", order.path("status").asText(), order.toString());
        assertTrue(order.path("isMock").asBoolean());
        JsonNode codes = order.path("items").path(0).path("externalData");
        assertEquals(2, codes.size());
        codes.forEach(code -> assertTrue(code.asText().startsWith("MOCK-"), code.asText()));
        assertEquals("0.00", Orders.available(buyer, "rub"));
        JsonNode stock = Fixtures.stock(stocked.productId());
        assertEquals(3, stock.path("available").asLong());
        assertEquals(0, stock.path("delivered").asLong());
        Orders.as(buyer).get("/api/orders/" + order.path("id").asText())
                .then().statusCode(200).body("isMock", equalTo(true));
        Orders.as(buyer).get("/api/orders/").then()
                .body("items[0].isMock", equalTo(true));
    }

    @Test
    void aMockOrder_shouldStillBeValidated() {
        Buyer buyer = Orders.buyer(null);

        Orders.post(buyer, Orders.body(stocked.productId(), 0, null).put("isMock", true)).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "items", 0, "quantity")));
    }

    @Test
    void theSameKeyAndBody_shouldAnswerTheFirstOrder_andChargeOnce() {
        Buyer buyer = Orders.buyer("10000.00");
        ObjectNode body = Orders.body(stocked.productId(), 1, Fixtures.unique("key"));
        JsonNode first = json(Orders.post(buyer, body).then().statusCode(200));

        Response again = Orders.post(buyer, body);

        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        JsonNode second = json(again.then());
        assertEquals(first.path("id").asText(), second.path("id").asText());
        assertEquals(first.path("items"), second.path("items"));
        assertEquals("5010.00", Orders.available(buyer, "rub"));
        assertEquals(2, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void theSameKey_shouldAnswerTheFirstOrder_whenTheBodyIsOnlyWrittenDifferently() {
        Buyer buyer = Orders.buyer("10000.00");
        String key = Fixtures.unique("key");
        String first = json(Orders.post(buyer, "{\"idempotencyKey\": \"" + key + "\", \"items\": [{\"quantity\": 1,"
                + " \"itemId\": \"" + stocked.productId() + "\", \"note\": {\"a\": 1, \"b\": \"x\"},"
                + " \"totalPrice\": \"4990.00\"}]}").then().statusCode(200)).path("id").asText();

        Orders.post(buyer, "{\"items\":[{\"itemId\":\"" + stocked.productId() + "\",\"quantity\":1,\"note\":{\"b\":\"x\","
                + "\"a\":1},\"totalPrice\":4990}],\"isMock\":false,\"idempotencyKey\":\"" + key + "\"}").then()
                .statusCode(200).body("id", equalTo(first)).header("Idempotent-Replayed", "true");
        assertEquals("5010.00", Orders.available(buyer, "rub"));
    }

    @Test
    void theSameKey_shouldAnswerTheFirstOrder_evenWhenStockRanOutSince() {
        Buyer buyer = Orders.buyer("100000.00");
        ObjectNode body = Orders.body(stocked.productId(), 3, Fixtures.unique("key"));
        String first = json(Orders.post(buyer, body).then().statusCode(200)).path("id").asText();

        Orders.post(buyer, body).then().statusCode(200).body("id", equalTo(first))
                .header("Idempotent-Replayed", "true");
    }

    @Test
    void theSameKeyWithAnotherBodyOrCurrency_shouldBe422_andChangeNothing() {
        Buyer buyer = Orders.buyer("100000.00");
        Orders.credit(buyer, "usd", "1000.00");
        String key = Fixtures.unique("key");
        Orders.post(buyer, Orders.body(stocked.productId(), 1, key)).then().statusCode(200);

        Orders.post(buyer, Orders.body(stocked.productId(), 2, key)).then().statusCode(422)
                .body("error", equalTo("idempotency_key_reused"))
                .body("detail[0].loc", equalTo(List.of("body", "idempotencyKey")));
        Orders.as(buyer).header("x-currency", "usd")
                .contentType("application/json").body(Json.write(Orders.body(stocked.productId(), 1, key)))
                .post("/api/orders/").then().statusCode(422).body("error", equalTo("idempotency_key_reused"));

        assertEquals("95010.00", Orders.available(buyer, "rub"));
        assertEquals("1000.00", Orders.available(buyer, "usd"));
        assertEquals(2, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void keys_shouldBeScopedPerUser() {
        Buyer one = Orders.buyer("10000.00");
        Buyer two = Orders.buyer("10000.00");
        ObjectNode body = Orders.body(stocked.productId(), 1, "shared-key");

        String first = json(Orders.post(one, body).then().statusCode(200)).path("id").asText();
        String second = json(Orders.post(two, body).then().statusCode(200)).path("id").asText();

        assertNotEquals(first, second);
    }

    @Test
    void theRightTotalPrice_shouldBeAccepted_andAStaleOne_shouldBe409WithTheCurrentPrice() {
        Buyer buyer = Orders.buyer("100000.00");
        ObjectNode right = Orders.body(stocked.productId(), 2, null);
        ((ObjectNode) right.path("items").path(0)).put("totalPrice", "9980.00");
        ObjectNode stale = Orders.body(stocked.productId(), 2, null);
        ((ObjectNode) stale.path("items").path(0)).put("totalPrice", "9000");

        Orders.post(buyer, stale).then().statusCode(409).body("error", equalTo("price_changed"))
                .body("detail[0].loc", equalTo(List.of("body", "items", 0, "totalPrice")))
                .body("detail[0].ctx.totalPrice", equalTo("9980.00"))
                .body("detail[0].ctx.unitPrice", equalTo("4990.00"))
                .body("detail[0].ctx.currency", equalTo("rub"));
        assertEquals("100000.00", Orders.available(buyer, "rub"));
        Orders.post(buyer, right).then().statusCode(200).body("status", equalTo("completed"))
                .body("price", equalTo("9980.00"));
    }

    @Test
    void anUnknownProduct_shouldBe404NamingTheItem() {
        Buyer buyer = Orders.buyer("100.00");
        ObjectNode body = Orders.body(stocked.productId(), 1, null);
        ((ArrayNode) body.path("items")).addObject()
                .put("itemId", "no-such-product").put("quantity", 1);

        Orders.post(buyer, body).then().statusCode(404).body("error", equalTo("product_not_found"))
                .body("message", startsWith("no product has the id or slug no-such-product (items[1].itemId)"));
    }

    @Test
    void theProductsRules_shouldEachBe422NamingTheField() {
        Buyer buyer = Orders.buyer("100000.00");
        String slug = Fixtures.unique("rules");
        ObjectNode catalog = Catalogs.importEvent();
        Catalogs.category(catalog, slug + "-cat", "Категория", null);
        ObjectNode product = Catalogs.product(catalog, slug, slug + "-cat", "Игра", "Game", "100.00", "rub")
                .put("orderMinQuantity", 2).put("orderMaxQuantity", 5);
        product.putArray("requiredNoteFields").add("email").add("region");
        product.putObject("noteFieldTypes").put("email", "email").put("level", "integer");
        product.putObject("noteFieldOptions").putArray("region").add("EU").add("US");
        Catalogs.stock(Catalogs.id(Catalogs.load(catalog), "products", slug), 10);

        ObjectNode tooFew = Orders.body(slug, 1, null);
        note(tooFew).put("email", "a@example.com").put("region", "EU");
        Orders.post(buyer, tooFew).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "items", 0, "quantity")))
                .body("detail[0].type", equalTo("greater_than_equal")).body("detail[0].ctx.ge", equalTo(2));
        ObjectNode tooMany = Orders.body(slug, 6, null);
        note(tooMany).put("email", "a@example.com").put("region", "EU");
        Orders.post(buyer, tooMany).then().statusCode(422)
                .body("detail[0].type", equalTo("less_than_equal")).body("detail[0].ctx.le", equalTo(5));
        ObjectNode noNote = Orders.body(slug, 2, null);
        Orders.post(buyer, noNote).then().statusCode(422).body("detail", hasSize(2))
                .body("detail[0].loc", equalTo(List.of("body", "items", 0, "note", "email")))
                .body("detail[0].type", equalTo("missing"))
                .body("detail[1].loc", equalTo(List.of("body", "items", 0, "note", "region")));
        ObjectNode badValues = Orders.body(slug, 2, null);
        note(badValues).put("email", "not-an-address").put("region", "ASIA").put("level", "high");
        Orders.post(buyer, badValues).then().statusCode(422).body("detail", hasSize(3))
                .body("detail.type", containsInAnyOrder("value_error", "enum", "int_parsing"));
        ObjectNode good = Orders.body(slug, 2, null);
        note(good).put("email", "a@example.com").put("region", "US").put("level", 7);
        Orders.post(buyer, good).then().statusCode(200).body("status", equalTo("completed"))
                .body("price", equalTo("200.00"));
    }

    @Test
    void theSameProductTwice_shouldBe422() {
        Buyer buyer = Orders.buyer("100000.00");
        ObjectNode body = Orders.body(stocked.productId(), 1, null);
        ((ArrayNode) body.path("items")).addObject()
                .put("itemId", stocked.productId()).put("quantity", 1);

        Orders.post(buyer, body).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "items", 1, "itemId")));
    }

    @Test
    void badBodies_shouldBe400Or422_andChangeNothing() {
        Buyer buyer = Orders.buyer("100000.00");
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("{", "400"),
                Map.entry("{\"items\": [], \"items\": []}", "400"),
                Map.entry("[]", "model_attributes_type"),
                Map.entry("{}", "missing"),
                Map.entry("{\"items\": null}", "missing"),
                Map.entry("{\"items\": null, \"isMock\": true}", "missing"),
                Map.entry("{\"items\": []}", "too_short"),
                Map.entry("{\"items\": {}}", "list_type"),
                Map.entry("{\"items\": [1]}", "model_attributes_type"),
                Map.entry("{\"items\": [{\"itemId\": \"x\"}]}", "missing"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": \"abc\"}]}", "int_type"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": -1}]}", "greater_than_equal"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": 0}]}", "greater_than_equal"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": 1e400}]}", "int_type"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": 99999999999999999999}]}",
                        "less_than_equal"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": 1, \"note\": []}]}", "dict_type"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": 1, \"totalPrice\": \"1.001\"}]}",
                        "decimal_max_places"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": 96}]}", "value_error"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": 1}], \"isMock\": \"yes\"}", "bool_type"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": 1}], \"idempotencyKey\": \"\"}",
                        "string_too_short"),
                Map.entry("{\"items\": [{\"itemId\": \"x\", \"quantity\": 1}], \"idempotencyKey\": 5}",
                        "string_type"));
        for (Map.Entry<String, String> bad : bodies.entrySet()) {
            Response answer = Orders.post(buyer, bad.getKey());
            if (bad.getValue().equals("400")) {
                assertEquals(400, answer.statusCode(), bad.getKey() + " -> " + answer.asString());
            } else {
                assertEquals(422, answer.statusCode(), bad.getKey() + " -> " + answer.asString());
                assertTrue(answer.asString().contains("\"type\":\"" + bad.getValue() + "\""),
                        bad.getKey() + " -> " + answer.asString());
            }
        }
        StringBuilder eleven = new StringBuilder("{\"items\": [");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("{\"itemId\": \"x").append(i).append("\", \"quantity\": 1}");
        }
        Orders.post(buyer, eleven.append("]}").toString()).then().statusCode(422)
                .body("detail[0].type", equalTo("too_long"));
        Orders.post(buyer, "{\"items\": [{\"itemId\": \"" + "x".repeat(70_000) + "\", \"quantity\": 1}]}").then()
                .statusCode(413);
        assertEquals("100000.00", Orders.available(buyer, "rub"));
        Orders.as(buyer).get("/api/orders/").then()
                .body("total", equalTo(0));
    }

    @Test
    void everyOrderRoute_shouldAnswer401And403AndRefuseUnknownHeaders() {
        Buyer buyer = Orders.buyer(null);
        String someId = "019ad428-e9cd-7982-a6fa-0ec0eebce25d";
        List<String[]> routes = List.of(new String[] {"GET", "/api/orders/"}, new String[] {"POST", "/api/orders/"},
                new String[] {"GET", "/api/orders/" + someId}, new String[] {"POST", "/api/orders/" + someId + "/pay"});
        for (String[] route : routes) {
            given().body("{}").request(route[0], route[1]).then().statusCode(401)
                    .body("error", equalTo("invalid_api_key"));
            given().header("Authorization", "Bearer mk_" + "x".repeat(43)).body("{}").request(route[0], route[1])
                    .then().statusCode(401);
            Orders.as(buyer).header("x-currency", "eur").body("{}")
                    .request(route[0], route[1]).then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("header", "x-currency")));
            Orders.as(buyer).header("x-language", "de").body("{}")
                    .request(route[0], route[1]).then().statusCode(422);
        }
        Fixtures.admin(Json.object().put("action", "setUserActive").put("userId", buyer.userId()).put("active", false));
        // a warm function trusts a key's owner it has seen for KeyOwners.TTL: the change shows once that has passed
        clock.advance(KeyOwners.TTL);
        for (String[] route : routes) {
            Orders.as(buyer).body("{}").request(route[0], route[1]).then()
                    .statusCode(403).body("error", equalTo("user_inactive"));
        }
    }

    private static ObjectNode note(ObjectNode body) {
        return (ObjectNode) body.path("items").path(0).path("note");
    }

    private static JsonNode json(ValidatableResponse response) {
        return Json.parse(response.extract().asString());
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.path("type").asText()));
        return types;
    }
}
