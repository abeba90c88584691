package cc.marix.reseller.apiorder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /api/orders/} and {@code GET /api/orders/{order_id}}: own orders only, filters, paging, partner orders. */
@QuarkusTest
class OrderReadTest {

    private Fixtures.Stocked game;
    private Fixtures.Stocked card;
    private Buyer buyer;

    @BeforeEach
    void orders() {
        TestStack.useHttpFront();
        game = Fixtures.product(5);
        card = Fixtures.product(5);
        buyer = Orders.buyer("15000.00");
    }

    @Test
    void theList_shouldShowOwnOrdersNewestFirst_withFiltersAndPaging() {
        String first = place(game.productId());
        String second = place(card.productId());
        String third = place(game.productId());
        String pending = place(card.productId());
        Orders.post(Orders.buyer("100000.00"), Orders.body(game.productId(), 1, null)).then().statusCode(200);

        Orders.as(buyer).get("/api/orders/").then().statusCode(200)
                .body("total", equalTo(4)).body("limit", equalTo(20)).body("offset", equalTo(0))
                .body("items.id", equalTo(List.of(pending, third, second, first)))
                .body("items[0].status", equalTo("pending_payment"))
                .body("items[1].price", equalTo("4990.00")).body("items[1].currency", equalTo("rub"))
                .body("items[1].isMock", equalTo(false));
        Orders.as(buyer).get("/api/orders/?statuses=completed").then()
                .body("total", equalTo(3)).body("items.id", equalTo(List.of(third, second, first)));
        Orders.as(buyer).get("/api/orders/?statuses=pending_payment,cancelled").then()
                .body("items.id", equalTo(List.of(pending)));
        Orders.as(buyer).get("/api/orders/?item_id=" + game.productId()).then()
                .body("items.id", equalTo(List.of(third, first)));
        Orders.as(buyer).get("/api/orders/?item_id=" + card.productId() + "&statuses=completed").then()
                .body("items.id", equalTo(List.of(second)));
        Orders.as(buyer).get("/api/orders/?limit=1&offset=1").then()
                .body("total", equalTo(4)).body("items.id", equalTo(List.of(third)));
        Orders.as(buyer).get("/api/orders/?offset=10").then().body("total", equalTo(4)).body("items.size()", equalTo(0));
    }

    @Test
    void itemId_shouldAlsoMatchTheSlugTheProductHadWhenOrdered() {
        String order = place(game.productId());
        String slug = Json.parse(Orders.as(buyer).get("/api/products/" + game.productId()).asString()).path("slug").asText();

        Orders.as(buyer).get("/api/orders/?item_id=" + slug).then().body("items.id", equalTo(List.of(order)));
    }

    @Test
    void badListParameters_shouldBe422() {
        for (String query : List.of("limit=0", "limit=101", "limit=-1", "limit=abc", "offset=-1", "offset=x",
                "statuses=done", "statuses=completed,", "item_id=" + "x".repeat(101))) {
            Orders.as(buyer).get("/api/orders/?" + query).then().statusCode(422)
                    .body("detail[0].loc[0]", equalTo("query"));
        }
    }

    @Test
    void oneOrder_shouldShowItsCodes_butBe404ToAnyoneElse_and422WhenMalformed() {
        String order = place(game.productId());

        JsonNode detail = Json.parse(Orders.as(buyer).header("x-language", "en").get("/api/orders/" + order).then()
                .statusCode(200).extract().asString());
        assertEquals("completed", detail.path("status").asText());
        assertEquals("Product", detail.path("items").path(0).path("product").path("name").asText());
        assertEquals(1, detail.path("items").path(0).path("externalData").size());
        Orders.as(buyer).get("/api/orders/" + order.toUpperCase()).then().statusCode(200).body("id", equalTo(order));

        Orders.as(Orders.buyer(null)).get("/api/orders/" + order).then().statusCode(404)
                .body("error", equalTo("order_not_found"));
        Orders.as(buyer).get("/api/orders/" + UUID.randomUUID()).then().statusCode(404);
        Orders.as(buyer).get("/api/orders/not-a-uuid").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("path", "order_id")));
    }

    @Test
    void aLinkedPartnersOrders_shouldShowInItsUsersOrders_withTheirCodes() {
        String slug = Fixtures.unique("linked");
        String secret = "secret-" + UUID.randomUUID();
        ObjectNode create = Json.object().put("action", "createPartner").put("slug", slug).put("userId",
                buyer.userId());
        create.putArray("secrets").add(secret);
        create.putArray("productIds").add(game.productId());
        Fixtures.admin(create);
        String external = Fixtures.unique("EXT");
        byte[] body = Notifications.bytes(Notifications.orderPaid(external, game.productId(), 2));
        JsonNode answer = Json.parse(given().header("X-Signature", PartnerSignature.sign(secret, body))
                .header("X-Event-Id", UUID.randomUUID().toString()).contentType("application/json").body(body)
                .post(Notifications.path(slug)).then().statusCode(200).extract().asString());
        String orderId = answer.path("orderId").asText();

        Orders.as(buyer).get("/api/orders/").then().body("items[0].id", equalTo(orderId))
                .body("items[0].idempotencyKey", equalTo(external)).body("items[0].status", equalTo("completed"));
        JsonNode detail = Json.parse(Orders.as(buyer).get("/api/orders/" + orderId).then().statusCode(200).extract()
                .asString());
        List<String> codes = new ArrayList<>();
        detail.path("items").path(0).path("externalData").forEach(code -> codes.add(code.asText()));
        assertEquals(List.of(answer.path("payloads").path(0).path("value").asText(),
                answer.path("payloads").path(1).path("value").asText()), codes);
        assertEquals(game.productId(), detail.path("items").path(0).path("product").path("id").asText());
        Orders.as(Orders.buyer(null)).get("/api/orders/" + orderId).then().statusCode(404);
    }

    private String place(String productId) {
        return Json.parse(Orders.post(buyer, Orders.body(productId, 1, null)).then().statusCode(200).extract()
                .asString()).path("id").asText();
    }
}
