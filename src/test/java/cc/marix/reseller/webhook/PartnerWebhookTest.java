package cc.marix.reseller.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.partner.PartnerDirectory;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The partner webhook over HTTP, through the Function URL front, the Lambda runtime API and DynamoDB Local. */
@QuarkusTest
class PartnerWebhookTest {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    PartnerDirectory directory;

    @Inject
    TestClock clock;

    private Stocked stocked;
    private TestPartner partner;

    @BeforeEach
    void stock() {
        TestStack.useHttpFront();
        stocked = Fixtures.product(5);
        partner = Fixtures.partner(stocked.productId());
    }

    @Test
    void notify_shouldDeliverOneCodeInTheSeedsShape() {
        String externalOrderId = Fixtures.unique("PARTNER");
        Response response = send(partner, Notifications.orderPaid(externalOrderId, stocked.productId(), 1), newEventId());

        response.then().statusCode(200)
                .header("Idempotent-Replayed", nullValue())
                .body("status", equalTo("fulfilled"))
                .body("externalOrderId", equalTo(externalOrderId))
                .body("orderId", notNullValue())
                .body("payload.type", equalTo("code"))
                .body("payloads", nullValue())
                .body("fulfilledAt", notNullValue());
        String code = response.path("payload.value");
        assertTrue(stocked.codes().contains(code));
        String orderId = response.path("orderId");
        assertEquals(7, UUID.fromString(orderId).version());

        Map<String, AttributeValue> order = item("ORDER#" + orderId, "ORDER");
        assertEquals("completed", Attrs.str(order, "status"));
        assertEquals(partner.slug(), Attrs.str(order, "partner"));
        assertEquals(code, order.get("codes").l().get(0).m().get("value").s());
        assertEquals(List.of("active", "completed"),
                order.get("events").l().stream().map(event -> event.m().get("status").s()).toList());
        assertEquals(0, new java.math.BigDecimal("4990").compareTo(Attrs.decimal(order, "amount")));
        assertStock(4, 1);
    }

    @Test
    void notify_shouldListEveryCode_whenQtyAboveOne() {
        Response response = send(partner, Notifications.orderPaid(Fixtures.unique("PARTNER"), stocked.productId(), 3),
                newEventId());

        response.then().statusCode(200);
        List<String> values = response.path("payloads.value");
        assertEquals(3, new HashSet<>(values).size());
        assertTrue(stocked.codes().containsAll(values));
        assertEquals(values.get(0), response.path("payload.value"));
        assertStock(2, 3);
    }

    @Test
    void notify_shouldReplayTheFirstAnswer_whenTheSameEventComesAgain() {
        ObjectNode body = Notifications.orderPaid(Fixtures.unique("PARTNER"), stocked.productId(), 1);
        String eventId = newEventId();
        Response first = send(partner, body, eventId);
        Response again = send(partner, body, eventId);

        first.then().statusCode(200);
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        assertStock(4, 1);
    }

    @Test
    void notify_shouldStoreTheAnswerOnce_onTheExternalOrderKey() {
        String externalOrderId = Fixtures.unique("PARTNER");
        String eventId = newEventId();
        Response first = send(partner, Notifications.orderPaid(externalOrderId, stocked.productId(), 1), eventId);
        first.then().statusCode(200);

        Map<String, AttributeValue> event = item("PEVENT#" + partner.slug() + "#" + eventId, "PEVENT");
        assertFalse(event.containsKey("response"), "the codes are not copied to the event key");
        assertFalse(event.containsKey("httpStatus"));
        assertEquals(first.<String>path("orderId"), event.get("orderId").s());
        assertTrue(event.containsKey("bodyHash") && event.containsKey(TableSchema.TTL), event.keySet().toString());
        Map<String, AttributeValue> external = item("PEXT#" + partner.slug() + "#" + externalOrderId, "PEXT");
        assertEquals(first.asString(), external.get("response").s());
    }

    @Test
    void notify_shouldReplayAnEventKeyWrittenBeforeTheAnswerMoved_evenWithoutItsExternalKey() {
        String externalOrderId = Fixtures.unique("PARTNER");
        ObjectNode body = Notifications.orderPaid(externalOrderId, stocked.productId(), 1);
        String eventId = newEventId();
        String answer = send(partner, body, eventId).then().statusCode(200).extract().asString();
        // as the previous version wrote it: the answer on the event key too
        dynamo.updateItem(UpdateItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key("PEVENT#" + partner.slug() + "#" + eventId, "PEVENT"))
                .updateExpression("SET #response = :response, #status = :status")
                .expressionAttributeNames(Map.of("#response", "response", "#status", "httpStatus"))
                .expressionAttributeValues(Map.of(":response", Attrs.s(answer), ":status", Attrs.n(200))).build());
        deleteExternalKey(externalOrderId);

        Response again = send(partner, body, eventId);

        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(answer, again.asString());
        assertStock(4, 1);
    }

    @Test
    void notify_shouldFailWithoutDeliveringAgain_whenTheEventKeysExternalKeyIsGone() {
        String externalOrderId = Fixtures.unique("PARTNER");
        ObjectNode body = Notifications.orderPaid(externalOrderId, stocked.productId(), 1);
        String eventId = newEventId();
        send(partner, body, eventId).then().statusCode(200);
        deleteExternalKey(externalOrderId);

        send(partner, body, eventId).then().statusCode(500);

        assertStock(4, 1);
        assertTrue(item("PEXT#" + partner.slug() + "#" + externalOrderId, "PEXT").isEmpty(),
                "nothing written: the transaction was cancelled on the event key");
    }

    @Test
    void notify_shouldReturnTheFirstOrder_whenTheExternalOrderComesUnderANewEventId() {
        ObjectNode body = Notifications.orderPaid(Fixtures.unique("PARTNER"), stocked.productId(), 1);
        Response first = send(partner, body, newEventId());
        Response captured = send(partner, body, newEventId());

        captured.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.<String>path("orderId"), captured.path("orderId"));
        assertEquals(first.<String>path("payload.value"), captured.path("payload.value"));
        assertStock(4, 1);
    }

    @Test
    void notify_shouldRefuse_whenTheEventIdIsReusedForAnotherBody() {
        String eventId = newEventId();
        send(partner, Notifications.orderPaid(Fixtures.unique("PARTNER"), stocked.productId(), 1), eventId)
                .then().statusCode(200);

        send(partner, Notifications.orderPaid(Fixtures.unique("PARTNER"), stocked.productId(), 1), eventId)
                .then().statusCode(422)
                .body("error", equalTo("idempotency_key_reused"))
                .body("detail[0].type", equalTo("idempotency_key_reused"))
                .body("detail[0].loc", equalTo(List.of("header", "X-Event-Id")));
        assertStock(4, 1);
    }

    @Test
    void notify_shouldAnswerOutOfStock_andHoldNothing_whenFewerCodesThanQty() {
        String externalOrderId = Fixtures.unique("PARTNER");
        send(partner, Notifications.orderPaid(externalOrderId, stocked.productId(), 6), newEventId())
                .then().statusCode(409)
                .body("status", equalTo("failed"))
                .body("reason", equalTo("out_of_stock"))
                .body("externalOrderId", equalTo(externalOrderId));
        assertStock(5, 0);
        assertTrue(item("PEXT#" + partner.slug() + "#" + externalOrderId, "PEXT").isEmpty());
    }

    @Test
    void notify_shouldStillReplay_afterStockRanOut() {
        ObjectNode body = Notifications.orderPaid(Fixtures.unique("PARTNER"), stocked.productId(), 5);
        String eventId = newEventId();
        Response first = send(partner, body, eventId);
        first.then().statusCode(200);
        assertStock(0, 5);

        Response again = send(partner, body, eventId);
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
    }

    @Test
    void notify_shouldRejectSignatures_missingMalformedOrWrong() {
        byte[] body = Notifications.bytes(Notifications.orderPaid("X-1", stocked.productId(), 1));
        post(partner.slug(), body, null, newEventId()).then().statusCode(401)
                .body("error", equalTo("signature_missing"));
        post(partner.slug(), body, "not-hex", newEventId()).then().statusCode(401)
                .body("error", equalTo("signature_malformed"));
        post(partner.slug(), body, PartnerSignature.sign("another-partners-secret-0123456789", body), newEventId())
                .then().statusCode(401).body("error", equalTo("signature_mismatch"));
        byte[] tampered = Notifications.bytes(Notifications.orderPaid("X-1", stocked.productId(), 2));
        post(partner.slug(), tampered, PartnerSignature.sign(partner.secret(), body), newEventId())
                .then().statusCode(401).body("error", equalTo("signature_mismatch"));
        assertStock(5, 0);
    }

    @Test
    void notify_shouldAcceptEveryLiveSecret_forADay_whenRotatedWithoutTtl() {
        String second = "second-" + UUID.randomUUID();
        String third = "third-" + UUID.randomUUID();
        Instant before = clock.instant();
        Fixtures.admin(Json.object().put("action", "rotatePartnerSecret").put("slug", partner.slug())
                .put("secret", second));
        send(new TestPartner(partner.slug(), partner.secret()),
                Notifications.orderPaid(Fixtures.unique("PARTNER"), stocked.productId(), 1), newEventId())
                .then().statusCode(200);
        send(new TestPartner(partner.slug(), second),
                Notifications.orderPaid(Fixtures.unique("PARTNER"), stocked.productId(), 1), newEventId())
                .then().statusCode(200);

        JsonNode rotated = Fixtures.admin(Json.object().put("action", "rotatePartnerSecret")
                .put("slug", partner.slug()).put("secret", third));
        Instant after = clock.instant();
        assertEquals(3, rotated.path("liveSecrets").asInt());
        assertEquals(2, rotated.path("previousSecretsExpireAt").size());
        for (JsonNode expiry : rotated.path("previousSecretsExpireAt")) {
            Instant expiresAt = Instant.parse(expiry.asText());
            assertFalse(expiresAt.isBefore(before.plus(Duration.ofDays(1))), expiresAt::toString);
            assertFalse(expiresAt.isAfter(after.plus(Duration.ofDays(1))), expiresAt::toString);
        }
        for (String secret : List.of(partner.secret(), second, third)) {
            send(new TestPartner(partner.slug(), secret),
                    Notifications.orderPaid(Fixtures.unique("PARTNER"), stocked.productId(), 1), newEventId())
                    .then().statusCode(200);
        }
    }

    @Test
    void notify_shouldAnswerAsAWrongSignature_whenPartnerUnknown() {
        byte[] body = Notifications.bytes(Notifications.orderPaid("X-1", stocked.productId(), 1));
        post("no-such-partner", body, PartnerSignature.sign(partner.secret(), body), newEventId())
                .then().statusCode(401).body("error", equalTo("signature_mismatch"));
        post("Bad_Slug", body, PartnerSignature.sign(partner.secret(), body), newEventId())
                .then().statusCode(401).body("error", equalTo("signature_mismatch"));
    }

    @Test
    void notify_shouldAnswer403_whenProductNotWhitelisted() {
        Stocked other = Fixtures.product(1);
        send(partner, Notifications.orderPaid("X-1", other.productId(), 1), newEventId())
                .then().statusCode(403).body("error", equalTo("product_not_allowed"));
        assertEquals(1, Fixtures.stock(other.productId()).path("available").asLong());
    }

    @Test
    void notify_shouldAnswer400_whenBodyIsNotJson() {
        sendRaw(partner, "{\"event\": \"order.paid\",".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("error", equalTo("malformed_json"));
        sendRaw(partner, new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' })
                .then().statusCode(400).body("error", equalTo("malformed_json"));
        sendRaw(partner, new byte[0]).then().statusCode(400);
        assertStock(5, 0);
    }

    @Test
    void notify_shouldAnswer422_forEachInvalidQty() {
        assertMissing("qty");
        assertInvalidQty(Json.MAPPER.getNodeFactory().numberNode(0), "greater_than_equal");
        assertInvalidQty(Json.MAPPER.getNodeFactory().numberNode(-1), "greater_than_equal");
        assertInvalidQty(Json.MAPPER.getNodeFactory().numberNode(101), "less_than_equal");
        assertInvalidQty(Json.MAPPER.getNodeFactory().numberNode(new java.math.BigDecimal("1.5")), "int_type");
        assertInvalidQty(Json.MAPPER.getNodeFactory().textNode("1"), "int_type");
        assertInvalidQty(Json.MAPPER.getNodeFactory().numberNode(97), "less_than_equal");
        assertInvalidQty(Json.MAPPER.getNodeFactory().numberNode(new java.math.BigInteger("99999999999999999999999")),
                "less_than_equal");
        assertInvalidQty(Json.MAPPER.getNodeFactory().numberNode(new java.math.BigInteger("-99999999999999999999999")),
                "greater_than_equal");
        assertStock(5, 0);
    }

    @Test
    void notify_shouldAnswer422_whenEventUnknownOrFieldsMissing() {
        ObjectNode body = Notifications.orderPaid("X-1", stocked.productId(), 1).put("event", "order.refunded");
        send(partner, body, newEventId()).then().statusCode(422)
                .body("detail.loc", hasItem(List.of("body", "event")))
                .body("detail.type", hasItem("literal_error"));
        ObjectNode empty = Json.object();
        send(partner, empty, newEventId()).then().statusCode(422)
                .body("detail.loc", hasItem(List.of("body", "externalOrderId")))
                .body("detail.loc", hasItem(List.of("body", "productId")))
                .body("detail.loc", hasItem(List.of("body", "qty")))
                .body("detail.type", not(hasItem("int_type")));
        send(partner, Json.MAPPER.createArrayNode(), newEventId()).then().statusCode(422);
        assertStock(5, 0);
    }

    @Test
    void notify_shouldAcceptTheLargestQty_thatFitsOneTransaction_evenForAPartnerLinkedToAUser() {
        Stocked many = Fixtures.product(95);
        // a linked partner's order is also counted in its user's order counts: the fullest transaction
        String slug = Fixtures.unique("linked");
        String secret = "secret-" + UUID.randomUUID();
        ObjectNode create = Json.object().put("action", "createPartner").put("slug", slug)
                .put("userId", Orders.buyer(null).userId());
        create.putArray("secrets").add(secret);
        create.putArray("productIds").add(many.productId());
        Fixtures.admin(create);
        Response response = send(new TestPartner(slug, secret),
                Notifications.orderPaid(Fixtures.unique("BIG"), many.productId(), 95), newEventId());
        response.then().statusCode(200);
        assertEquals(95, new HashSet<>(response.<List<String>>path("payloads.value")).size());
    }

    @Test
    void notify_shouldAcceptOneMoreCode_forAPartnerLinkedToNoUser_whoseTransactionHasNoCountsWrite() {
        Stocked many = Fixtures.product(97);
        TestPartner unlinked = Fixtures.partner(many.productId());
        send(unlinked, Notifications.orderPaid(Fixtures.unique("BIG"), many.productId(), 97), newEventId())
                .then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "qty")));
        Response response = send(unlinked, Notifications.orderPaid(Fixtures.unique("BIG"), many.productId(), 96),
                newEventId());
        response.then().statusCode(200);
        assertEquals(96, new HashSet<>(response.<List<String>>path("payloads.value")).size());
    }

    @Test
    void notify_shouldRefuseTheUnlinkedLargestQty_forAPartnerLinkedToAUser() {
        Stocked many = Fixtures.product(96);
        String slug = Fixtures.unique("linked");
        String secret = "secret-" + UUID.randomUUID();
        ObjectNode create = Json.object().put("action", "createPartner").put("slug", slug)
                .put("userId", Orders.buyer(null).userId());
        create.putArray("secrets").add(secret);
        create.putArray("productIds").add(many.productId());
        Fixtures.admin(create);
        send(new TestPartner(slug, secret), Notifications.orderPaid(Fixtures.unique("BIG"), many.productId(), 96),
                newEventId()).then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "qty")));
        assertEquals(96, Fixtures.stock(many.productId()).path("available").asLong(), "nothing claimed");
    }

        @Test
    void notify_shouldAnswer400_whenAKeyIsGivenTwice() {
        String body = "{\"event\":\"order.paid\",\"externalOrderId\":\"D1\",\"externalOrderId\":\"D2\","
                + "\"productId\":\"" + stocked.productId() + "\",\"qty\":1}";
        sendRaw(partner, body.getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .body("error", equalTo("malformed_json"));
        assertStock(5, 0);
    }

    @Test
    void notify_shouldAnswer422_forUnencodableIdsAndHugeAmounts() {
        String loneSurrogate = "{\"event\":\"order.paid\",\"externalOrderId\":\"X\\ud800\","
                + "\"productId\":\"" + stocked.productId() + "\",\"qty\":1}";
        sendRaw(partner, loneSurrogate.getBytes(StandardCharsets.UTF_8)).then().statusCode(422)
                .body("detail[0].type", equalTo("string_unicode"));
        String hugeExponent = "{\"event\":\"order.paid\",\"externalOrderId\":\"X-2\",\"amount\":1e2147483647,"
                + "\"productId\":\"" + stocked.productId() + "\",\"qty\":1}";
        sendRaw(partner, hugeExponent.getBytes(StandardCharsets.UTF_8)).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "amount")));
        ObjectNode bidi = Notifications.orderPaid("X\u202eY", stocked.productId(), 1);
        send(partner, bidi, newEventId()).then().statusCode(422);
        assertStock(5, 0);
    }

    @Test
    void notify_shouldAnswer401_whenSlugIsAbsurdlyLong() {
        byte[] body = Notifications.bytes(Notifications.orderPaid("X-1", stocked.productId(), 1));
        post("a".repeat(3000), body, PartnerSignature.sign(partner.secret(), body), newEventId())
                .then().statusCode(401).body("error", equalTo("signature_mismatch"));
    }

    @Test
    void notify_shouldStillReplay_afterTheProductLeftTheWhitelist() {
        ObjectNode body = Notifications.orderPaid(Fixtures.unique("PARTNER"), stocked.productId(), 1);
        String eventId = newEventId();
        Response first = send(partner, body, eventId);
        first.then().statusCode(200);
        // an operator takes the product off the partner's list (no admin action does that yet)
        dynamo.updateItem(UpdateItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key("PARTNER#" + partner.slug(), "PARTNER")).updateExpression("REMOVE productIds").build());
        directory.forget(partner.slug());

        send(partner, body, eventId).then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("orderId", equalTo(first.path("orderId")));
        send(partner, Notifications.orderPaid(Fixtures.unique("NEW"), stocked.productId(), 1),
                newEventId()).then().statusCode(403);
    }

    @Test
    void notify_shouldAnswer422_whenEventIdHeaderMissing() {
        byte[] body = Notifications.bytes(Notifications.orderPaid("X-1", stocked.productId(), 1));
        post(partner.slug(), body, PartnerSignature.sign(partner.secret(), body), null)
                .then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("header", "X-Event-Id")))
                .body("detail[0].type", equalTo("missing"));
        assertStock(5, 0);
    }

    @Test
    void notify_shouldAnswer413_whenBodyOver256KiB() {
        String padding = "x".repeat(config.partner().maxBodyBytes());
        byte[] body = Notifications.bytes(Notifications.orderPaid("X-1", stocked.productId(), 1).put("pad", padding));
        post(partner.slug(), body, PartnerSignature.sign(partner.secret(), body), newEventId())
                .then().statusCode(413).body("error", equalTo("body_too_large"));
        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        Response response = post(partner.slug(), huge, PartnerSignature.sign(partner.secret(), huge), newEventId());
        assertEquals(413, response.statusCode());
        assertFalse(response.asString().contains("Exception"));
        assertStock(5, 0);
    }

    private void assertInvalidQty(JsonNode qty, String type) {
        ObjectNode body = Notifications.orderPaid("X-1", stocked.productId(), 1);
        body.set("qty", qty);
        send(partner, body, newEventId()).then().statusCode(422)
                .body("error", equalTo("validation_error"))
                .body("detail[0].loc", equalTo(List.of("body", "qty")))
                .body("detail[0].type", equalTo(type));
    }

    private void assertMissing(String field) {
        ObjectNode body = Notifications.orderPaid("X-1", stocked.productId(), 1);
        body.remove(field);
        send(partner, body, newEventId()).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", field)))
                .body("detail[0].type", equalTo("missing"));
    }

    private void assertStock(long available, long delivered) {
        JsonNode report = Fixtures.stock(stocked.productId());
        assertEquals(available, report.path("available").asLong(), "available");
        assertEquals(delivered, report.path("delivered").asLong(), "delivered");
    }

    /** The external-order key never expires and nothing deletes it; these tests play a table that lost one. */
    private void deleteExternalKey(String externalOrderId) {
        dynamo.deleteItem(DeleteItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key("PEXT#" + partner.slug() + "#" + externalOrderId, "PEXT")).build());
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(GetItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key(pk, sk)).consistentRead(true).build()).item();
    }

    static String newEventId() {
        return UUID.randomUUID().toString();
    }

    static Response send(TestPartner partner, Object body, String eventId) {
        byte[] bytes = Notifications.bytes(body);
        return post(partner.slug(), bytes, PartnerSignature.sign(partner.secret(), bytes), eventId);
    }

    static Response sendRaw(TestPartner partner, byte[] bytes) {
        return post(partner.slug(), bytes, PartnerSignature.sign(partner.secret(), bytes), newEventId());
    }

    static Response post(String slug, byte[] body, String signature, String eventId) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        if (eventId != null) {
            request.header("X-Event-Id", eventId);
        }
        return request.when().post(Notifications.path(slug)).andReturn();
    }
}
