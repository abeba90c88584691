package cc.marix.reseller.apiorder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

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
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code GET /api/orders/} filtered by period ({@code created_from}, {@code created_to}), payment method and delivery
 * mode, through the HTTP front: API orders paid from the balance and through Tribute, one not paid yet, and a linked
 * partner's orders delivered in the answer and by e-mail.
 */
@QuarkusTest
class OrderListFiltersTest {

    @Inject
    TestClock clock;

    private Fixtures.Stocked game;
    private Buyer buyer;
    private String partnerSlug;
    private String partnerSecret;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
        game = Fixtures.product(10);
        buyer = Orders.buyer("4990.00");
        partnerSlug = Fixtures.unique("linked");
        partnerSecret = "secret-" + UUID.randomUUID();
        ObjectNode create = Json.object().put("action", "createPartner").put("slug", partnerSlug)
                .put("userId", buyer.userId());
        create.putArray("secrets").add(partnerSecret);
        create.putArray("productIds").add(game.productId());
        Fixtures.admin(create);
    }

    @Test
    void theList_shouldFilterByPeriod_paymentMethod_andDeliveryMode() {
        String byBalance = place();
        Instant balanceAt = createdAt(byBalance);
        clock.advance(Duration.ofHours(1));
        String byTribute = place();
        String uuid = Tribute.willCreate();
        Orders.as(buyer).post("/api/orders/" + byTribute + "/pay").then().statusCode(200);
        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 499000)).then().statusCode(200);
        clock.advance(Duration.ofHours(1));
        String unpaid = place();
        Instant unpaidAt = createdAt(unpaid);
        String sync = partnerOrder(Notifications.orderPaid(Fixtures.unique("SYNC"), game.productId(), 1), 200);
        String email = partnerOrder(Notifications.orderPaid(Fixtures.unique("MAIL"), game.productId(), 1)
                .put("deliveryMode", "email").put("customerEmail", "buyer@example.com")
                .put("callbackUrl", "http://127.0.0.1:9/callback"), 202);

        assertEquals(List.of(email, sync, unpaid, byTribute, byBalance), ids(""));
        assertEquals(List.of(byBalance), ids("payment_method=balance"));
        assertEquals(List.of(byTribute), ids("payment_method=tribute"));
        assertEquals(List.of(), ids("payment_method=merchant"));
        assertEquals(List.of(email, sync), ids("payment_method=partner"));
        assertEquals(List.of(unpaid, byTribute, byBalance), ids("delivery_mode=api"));
        assertEquals(List.of(sync), ids("delivery_mode=sync"));
        assertEquals(List.of(email), ids("delivery_mode=email"));
        assertEquals(List.of(byTribute), ids("payment_method=tribute&delivery_mode=api&statuses=completed"));

        // both bounds inclusive, to the second the API shows; a date alone is its start (UTC)
        assertEquals(List.of(byBalance), ids("created_to=" + balanceAt));
        assertEquals(List.of(email, sync, unpaid), ids("created_from=" + unpaidAt));
        assertEquals(List.of(email, sync, unpaid), ids("created_from=" + unpaidAt.minusMillis(999)));
        assertEquals(List.of(byTribute), ids("created_from=" + balanceAt.plusMillis(1) + "&created_to="
                + unpaidAt.minusMillis(1)));
        String offset = balanceAt.atOffset(ZoneOffset.ofHours(3)).toLocalDateTime() + "+03:00";
        assertEquals(List.of(byBalance), ids("created_to=" + offset.replace("+", "%2B")));
        String day = balanceAt.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
        assertEquals(List.of(), ids("created_to=" + day + "&created_from=" + balanceAt.plusSeconds(1)),
                "a period that ends before it starts holds nothing");
        Instant within = balanceAt.plusMillis(500);
        assertEquals(List.of(), ids("created_from=" + within + "&created_to=" + within.plusMillis(200)),
                "a period inside one second holds no whole second");
        assertEquals(List.of(), ids("created_from=" + within + "&created_to=" + within));
        Orders.as(buyer).get("/api/orders/?created_from=" + unpaidAt + "&limit=1").then().statusCode(200)
                .body("total", equalTo(3)).body("items.id", equalTo(List.of(email)));
        assertEquals(ids(""), ids("created_from=&created_to=&payment_method=&delivery_mode="), "empty: no filter");
    }

    @Test
    void anOrderTheAdminMarkedPaid_shouldBeFoundByPaymentMethodAdmin() {
        String byBalance = place();
        String byAdmin = place();
        Fixtures.admin(Json.object().put("action", "markOrderPaid").put("orderId", byAdmin)
                .put("reference", "bank transfer 42"));

        assertEquals(List.of(byAdmin), ids("payment_method=admin"));
        assertEquals(List.of(byBalance), ids("payment_method=balance"));
    }

    @Test
    void badFilterValues_shouldBe422_namingEachParameter() {
        JsonNode refused = Json.parse(Orders.as(buyer).get("/api/orders/?created_from=yesterday"
                + "&created_to=2026-13-01T00:00:00Z&payment_method=card&delivery_mode=post").then().statusCode(422)
                .extract().asString());
        List<String> found = new ArrayList<>();
        refused.path("detail").forEach(violation -> found.add(violation.path("loc").path(1).asText() + ":"
                + violation.path("type").asText()));
        assertEquals(List.of("created_from:datetime_parsing", "created_to:datetime_parsing", "payment_method:enum",
                "delivery_mode:enum"), found);
        assertEquals("Input should be 'balance', 'tribute', 'merchant', 'partner' or 'admin'",
                refused.path("detail").path(2).path("msg").asText());
        for (String query : List.of("created_from=10000-01-01T00:00:00Z", "created_to=2026-05-14T25:00:00Z",
                "payment_method=Balance", "delivery_mode=api,email")) {
            Orders.as(buyer).get("/api/orders/?" + query).then().statusCode(422);
        }
    }

    private String place() {
        return Json.parse(Orders.post(buyer, Orders.body(game.productId(), 1, null)).then().statusCode(200)
                .extract().asString()).path("id").asText();
    }

    private Instant createdAt(String orderId) {
        return Instant.parse(Json.parse(Orders.as(buyer).get("/api/orders/" + orderId).asString())
                .path("createdAt").asText());
    }

    private String partnerOrder(ObjectNode notification, int status) {
        byte[] body = Notifications.bytes(notification);
        return Json.parse(given().header("X-Signature", PartnerSignature.sign(partnerSecret, body))
                .header("X-Event-Id", UUID.randomUUID().toString()).contentType("application/json").body(body)
                .post(Notifications.path(partnerSlug)).then().statusCode(status).extract().asString())
                .path("orderId").asText();
    }

    private List<String> ids(String query) {
        JsonNode page = Json.parse(Orders.as(buyer).urlEncodingEnabled(false)
                .get("/api/orders/" + (query.isEmpty() ? "" : "?" + query)).then()
                .statusCode(200).extract().asString());
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        assertEquals(ids.size(), page.path("total").asInt(), query);
        return ids;
    }
}
