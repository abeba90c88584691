package cc.marix.reseller.hooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.delivery.DeliveryStreamFunction;
import cc.marix.reseller.local.StreamFeeder;
import cc.marix.reseller.order.StepState;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.LeakScan;
import cc.marix.reseller.testing.LogCapture;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.Streams;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Reseller webhooks end to end: endpoints through the HTTP front, the changes read from DynamoDB Local's stream and
 * fed to the delivery worker through the Lambda runtime, a real receiver (WireMock on loopback), and every signature
 * checked with the official Standard Webhooks library, never with our own signer.
 */
@QuarkusTest
class ResellerWebhooksTest {

    private static final String RETRY = "{\"job\": \"delivery-retry\"}";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    @Inject
    DeliveryStreamFunction streamFunction;

    private WireMockServer receiver;
    private StreamFeeder stream;
    private Buyer buyer;
    /** Each test's own path: a message left by an earlier test, retried into a reused port, never counts. */
    private String path;
    private Duration offsetBefore;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        // the official verifier checks webhook-timestamp against real time: run these tests at real time
        offsetBefore = clock.offset();
        clock.advance(offsetBefore.negated());
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        path = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(200)));
        stream = Streams.feeder(dynamo, config.table().name());
        buyer = Orders.buyer(null);
    }

    @AfterEach
    void tearDown() {
        receiver.stop();
        Duration behind = offsetBefore.minus(clock.offset());
        if (!behind.isNegative()) {
            clock.advance(behind);
        }
    }

    @Test
    void create_shouldShowTheSecretOnce_andListTheEndpointWithoutIt() {
        JsonNode created = create(buyer, List.of("order.completed", "balance.changed"), "shop listener");
        assertTrue(created.path("id").asText().matches("[0-9a-f-]{36}"), created.toString());
        assertEquals(url(), created.path("url").asText());
        assertEquals(List.of("order.completed", "balance.changed"), strings(created.path("events")));
        assertEquals("shop listener", created.path("description").asText());
        assertTrue(created.path("secret").asText().matches("whsec_[A-Za-z0-9+/]{43}="), created.toString());
        assertTrue(created.path("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));

        JsonNode listed = list(buyer);
        assertEquals(1, listed.size());
        assertEquals(created.path("id").asText(), listed.path(0).path("id").asText());
        assertFalse(listed.path(0).has("secret"), listed.toString());
        assertFalse(listed.toString().contains(created.path("secret").asText()));
        assertEquals(0, list(Orders.buyer(null)).size(), "another user sees none of them");

        JsonNode bare = create(buyer, List.of("topup.failed"), null);
        assertTrue(bare.has("description") && bare.path("description").isNull(), bare.toString());
    }

    @Test
    void create_shouldRefuseBadInput_with422InFastApisShape_andStoreNothing() {
        JsonNode answer = Json.parse(Orders.as(buyer).contentType("application/json")
                .body("{\"events\": [\"order.shipped\", 7], \"description\": 5}")
                .post("/api/webhook-endpoints/").then().statusCode(422).extract().asString());
        assertEquals(List.of("missing", "enum", "string_type", "string_type"), types(answer));
        assertEquals("[\"body\",\"url\"]", answer.path("detail").path(0).path("loc").toString());
        assertEquals("[\"body\",\"events\",0]", answer.path("detail").path(1).path("loc").toString());

        for (String refused : List.of("http://shop.example.com/hooks", "https://10.0.0.1/hooks",
                "https://169.254.169.254/latest", "https://user:pw@shop.example.com/x", "ftp://127.0.0.1/x")) {
            JsonNode notAllowed = Json.parse(Orders.as(buyer).contentType("application/json")
                    .body(Json.write(Json.object().put("url", refused).set("events",
                            Json.MAPPER.valueToTree(List.of("order.completed")))))
                    .post("/api/webhook-endpoints/").then().statusCode(422).extract().asString());
            assertEquals(List.of("url_not_allowed"), types(notAllowed), refused);
        }
        JsonNode noEvents = Json.parse(Orders.as(buyer).contentType("application/json")
                .body("{\"url\": \"" + url() + "\", \"events\": []}")
                .post("/api/webhook-endpoints/").then().statusCode(422).extract().asString());
        assertEquals(List.of("too_short"), types(noEvents));
        Orders.as(buyer).contentType("application/json").body("{\"url\": ")
                .post("/api/webhook-endpoints/").then().statusCode(400);
        Orders.as(buyer).contentType("text/plain").body("{}")
                .post("/api/webhook-endpoints/").then().statusCode(415);
        Catalogs.as("mk_" + "x".repeat(43)).get("/api/webhook-endpoints/").then().statusCode(401);
        assertEquals(0, list(buyer).size());
    }

    @Test
    void create_shouldStopAtTenEndpoints_evenWhenTwelveArriveAtOnce() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> createResponse(buyer, List.of("balance.changed"), null).statusCode());
        }
        List<Integer> statuses = Storm.run(calls);
        assertEquals(10, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(2, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        assertEquals(10, list(buyer).size());
        createResponse(buyer, List.of("balance.changed"), null).then().statusCode(409)
                .body("error", org.hamcrest.Matchers.equalTo("too_many_endpoints"));

        String first = list(buyer).path(0).path("id").asText();
        Orders.as(buyer).delete("/api/webhook-endpoints/" + first).then().statusCode(204);
        createResponse(buyer, List.of("balance.changed"), null).then().statusCode(200);
    }

    @Test
    void delete_shouldRemoveOnlyTheOwnersEndpoint() {
        String id = create(buyer, List.of("balance.changed"), null).path("id").asText();
        Buyer other = Orders.buyer(null);
        Orders.as(other).delete("/api/webhook-endpoints/" + id).then().statusCode(404)
                .body("error", org.hamcrest.Matchers.equalTo("webhook_endpoint_not_found"));
        Orders.as(other).post("/api/webhook-endpoints/" + id + "/rotate-secret").then().statusCode(404);
        Orders.as(other).post("/api/webhook-endpoints/" + id + "/replay").then().statusCode(404);
        Orders.as(buyer).delete("/api/webhook-endpoints/not-a-uuid").then().statusCode(422);
        Orders.as(buyer).delete("/api/webhook-endpoints/" + id).then().statusCode(204);
        Orders.as(buyer).delete("/api/webhook-endpoints/" + id).then().statusCode(404);
        assertEquals(0, list(buyer).size());
    }

    @Test
    void balanceChange_shouldArriveOnce_verifiedByTheStandardWebhooksLibrary_withTheBalancesRouteAsData()
            throws Exception {
        String secret = create(buyer, List.of("balance.changed"), null).path("secret").asText();

        Orders.credit(buyer, "rub", "1500.00");
        List<String> batches = stream.poll();
        batches.forEach(TestStack::invoke);

        List<LoggedRequest> received = received();
        assertEquals(1, received.size());
        LoggedRequest request = received.get(0);
        new Webhook(secret).verify(request.getBodyAsString(), headers(request));
        assertTrue(request.getHeader("webhook-id").matches("evt_[0-9a-f]{32}"), request.getHeader("webhook-id"));
        assertEquals(1, request.getHeader("webhook-signature").split(" ").length);
        assertFalse(request.containsHeader("X-Signature"), "a reseller's webhook carries the Standard headers only");
        JsonNode body = Json.parse(request.getBodyAsString());
        assertEquals("balance.changed", body.path("type").asText());
        assertTrue(body.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertEquals(Json.parse(Orders.as(buyer).get("/api/access/me/balances/").then().statusCode(200).extract()
                .asString()), body.path("data"));

        // Lambda delivers a batch again after a failure elsewhere in it: nothing is sent twice
        batches.forEach(TestStack::invoke);
        assertEquals(1, received().size());

        WebhookVerificationException forged = assertThrows(WebhookVerificationException.class,
                () -> new Webhook(create(buyer, List.of("order.completed"), null).path("secret").asText())
                        .verify(request.getBodyAsString(), headers(request)));
        assertEquals("No matching signature found", forged.getMessage());
    }

    @Test
    void secrets_shouldNeverReachALogLine() {
        try (LogCapture logs = LogCapture.install()) {
            JsonNode created = create(buyer, List.of("balance.changed"), null);
            String rotated = Orders.as(buyer).post("/api/webhook-endpoints/" + created.path("id").asText()
                    + "/rotate-secret").then().statusCode(200).extract().path("secret");
            Orders.credit(buyer, "rub", "10");
            Streams.feed(stream);
            assertEquals(1, received().size());
            assertEquals(List.of(), LeakScan.leaks(logs.lines(), Map.of(
                    "first secret", created.path("secret").asText().substring("whsec_".length()),
                    "rotated secret", rotated.substring("whsec_".length()))));
        }
    }

    @Test
    void concurrentReplaysOfOneStreamBatch_shouldDeliverOnce() throws Exception {
        String secret = create(buyer, List.of("balance.changed"), null).path("secret").asText();
        Orders.credit(buyer, "usd", "25.00");
        List<String> batches = stream.poll();
        assertEquals(1, batches.size());

        List<Callable<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> Json.MAPPER.valueToTree(streamFunction.handle(Json.parse(batches.get(0)))));
        }
        List<JsonNode> answers = Storm.run(calls);
        assertTrue(answers.stream().anyMatch(answer -> answer.path("batchItemFailures").isEmpty()),
                answers.toString());
        // a worker that lost a transaction conflict reports its record, and Lambda delivers it once more
        TestStack.invoke(batches.get(0));
        TestStack.invoke(RETRY);
        List<LoggedRequest> received = received();
        assertEquals(1, received.size());
        new Webhook(secret).verify(received.get(0).getBodyAsString(), headers(received.get(0)));
    }

    /**
     * Slow endpoints get only the first attempts the invocation has time for (test profile: a send takes at most
     * 1 s + 2 s; with 14 s left and the 10 s margin, one starts); the rest stay due and delivery-retry sends them.
     */
    @Test
    void slowEndpoints_shouldGetOnlyTheFirstAttemptsTheInvocationHasTimeFor_andTheRestFromDeliveryRetry() {
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
        for (int i = 0; i < 3; i++) {
            create(buyer, List.of("balance.changed"), null);
        }
        Orders.credit(buyer, "rub", "10");

        for (String batch : stream.poll()) {
            JsonNode answer = Json.MAPPER.valueToTree(streamFunction.handle(Json.parse(batch),
                    Optional.of(Duration.ofSeconds(14))));
            assertTrue(answer.path("batchItemFailures").isEmpty(), answer.toString());
        }
        assertEquals(1, received().size());

        TestStack.invoke(RETRY);
        assertEquals(3, received().size());
        TestStack.invoke(RETRY);
        assertEquals(3, received().size(), "each endpoint's message once");
        assertEquals(3, received().stream().map(request -> request.getHeader("webhook-signature")).distinct().count());
        assertEquals(1, received().stream().map(request -> request.getHeader("webhook-id")).distinct().count(),
                "webhook-id is the event's, the same to every endpoint");
    }

    @Test
    void orderCompleted_shouldCarryTheOrderAsItsGetRouteAnswersIt_andNoEventNotSubscribed() throws Exception {
        JsonNode endpoint = create(buyer, List.of("order.completed"), null);
        String secret = endpoint.path("secret").asText();
        String endpointId = endpoint.path("id").asText();
        Orders.credit(buyer, "rub", "5000");
        Fixtures.Stocked stocked = Fixtures.product(2);
        String orderId = Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then().statusCode(200)
                .extract().path("id");
        Streams.feed(stream);

        List<LoggedRequest> received = received();
        assertEquals(1, received.size(), "the balance moved too, but only order.completed is subscribed");
        new Webhook(secret).verify(received.get(0).getBodyAsString(), headers(received.get(0)));
        JsonNode body = Json.parse(received.get(0).getBodyAsString());
        assertEquals("order.completed", body.path("type").asText());
        assertEquals(Json.parse(Orders.as(buyer).get("/api/orders/" + orderId).then().statusCode(200).extract()
                .asString()), body.path("data"));
        assertEquals("completed", body.path("data").path("status").asText());
        String messageId = WebhookMessageItems.messageId(received.get(0).getHeader("webhook-id"), endpointId);
        Map<String, AttributeValue> delivered = dynamo.getItem(GetItemRequest.builder()
                .tableName(config.table().name()).key(WebhookMessageItems.key(messageId)).consistentRead(true)
                .build()).item();
        assertEquals("done", Attrs.str(delivered, "state"), delivered.keySet().toString());
        assertFalse(delivered.containsKey("body"), "its codes are not kept once delivered");
    }

    @Test
    void aLinkedPartnersSyncOrder_shouldSendOrderCompleted_withTheOrderAsItsGetRouteAnswersIt() throws Exception {
        String secret = create(buyer, List.of("order.completed"), null).path("secret").asText();
        Fixtures.Stocked stocked = Fixtures.product(1);
        String slug = Fixtures.unique("linked");
        String partnerSecret = "secret-" + UUID.randomUUID();
        ObjectNode partner = Json.object().put("action", "createPartner").put("slug", slug)
                .put("userId", buyer.userId());
        partner.putArray("secrets").add(partnerSecret);
        partner.putArray("productIds").add(stocked.productId());
        Fixtures.admin(partner);
        byte[] body = Notifications.bytes(Notifications.orderPaid(Fixtures.unique("EXT"), stocked.productId(), 1));
        String orderId = io.restassured.RestAssured.given()
                .header("X-Signature", PartnerSignature.sign(partnerSecret, body))
                .header("X-Event-Id", UUID.randomUUID().toString()).contentType("application/json").body(body)
                .post(Notifications.path(slug)).then().statusCode(200).extract().path("orderId");
        Streams.feed(stream);

        List<LoggedRequest> received = received();
        assertEquals(1, received.size());
        new Webhook(secret).verify(received.get(0).getBodyAsString(), headers(received.get(0)));
        JsonNode event = Json.parse(received.get(0).getBodyAsString());
        assertEquals("order.completed", event.path("type").asText());
        assertEquals(Json.parse(Orders.as(buyer).get("/api/orders/" + orderId).then().statusCode(200).extract()
                .asString()), event.path("data"));
    }

    @Test
    void topUpCompleted_shouldCarryTheTopUpAsItsGetRouteAnswersIt() throws Exception {
        ProvidersResource.server().resetAll();
        String secret = create(buyer, List.of("topup.completed", "topup.failed"), null).path("secret").asText();
        String uuid = UUID.randomUUID().toString();
        String topUpId = Tribute.topUp(buyer, "1500", uuid).path("id").asText();
        Tribute.statusIs(uuid, "paid");
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200);
        Streams.feed(stream);

        List<LoggedRequest> received = received();
        assertEquals(1, received.size());
        new Webhook(secret).verify(received.get(0).getBodyAsString(), headers(received.get(0)));
        JsonNode body = Json.parse(received.get(0).getBodyAsString());
        assertEquals("topup.completed", body.path("type").asText());
        assertEquals(Json.parse(Orders.as(buyer).get("/api/topups/fiat/" + topUpId).then().statusCode(200)
                .extract().asString()), body.path("data"));
    }

    @Test
    void rotateSecret_shouldSignWithTheNewAndTheOldSecretForADay_thenWithTheNewOnly() throws Exception {
        JsonNode created = create(buyer, List.of("balance.changed"), null);
        String id = created.path("id").asText();
        String old = created.path("secret").asText();
        JsonNode rotated = Json.parse(Orders.as(buyer).post("/api/webhook-endpoints/" + id + "/rotate-secret")
                .then().statusCode(200).extract().asString());
        String fresh = rotated.path("secret").asText();
        assertTrue(fresh.startsWith("whsec_") && !fresh.equals(old));
        assertEquals(clock.instant().plus(Duration.ofHours(24)).getEpochSecond(),
                java.time.Instant.parse(rotated.path("previousSecretExpiresAt").asText()).getEpochSecond(), 2);

        Orders.credit(buyer, "rub", "10");
        Streams.feed(stream);
        LoggedRequest during = received().get(0);
        assertEquals(2, during.getHeader("webhook-signature").split(" ").length);
        new Webhook(old).verify(during.getBodyAsString(), headers(during));
        new Webhook(fresh).verify(during.getBodyAsString(), headers(during));

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        Orders.credit(buyer, "rub", "10");
        Streams.feed(stream);
        LoggedRequest after = received().get(1);
        // the library's own signer, at the delivery's timestamp (a day ahead of real time, which verify refuses)
        long timestamp = Long.parseLong(after.getHeader("webhook-timestamp"));
        assertEquals(new Webhook(fresh).sign(after.getHeader("webhook-id"), timestamp, after.getBodyAsString()),
                after.getHeader("webhook-signature"));
    }

    @Test
    void aThirdRotationWithinADay_shouldBe409_keepingBothRotatedOutSecretsValid() throws Exception {
        JsonNode created = create(buyer, List.of("balance.changed"), null);
        String id = created.path("id").asText();
        String first = created.path("secret").asText();
        String second = rotate(id).then().statusCode(200).extract().path("secret");
        String third = rotate(id).then().statusCode(200).extract().path("secret");

        JsonNode refused = Json.parse(rotate(id).then().statusCode(409).extract().asString());
        assertEquals("too_many_secrets", refused.path("error").asText());
        assertTrue(refused.path("detail").isTextual(), refused.toString());

        Orders.credit(buyer, "rub", "10");
        Streams.feed(stream);
        LoggedRequest delivered = received().get(0);
        for (String secret : List.of(first, second, third)) {
            new Webhook(secret).verify(delivered.getBodyAsString(), headers(delivered));
        }
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        rotate(id).then().statusCode(200);
    }

    private Response rotate(String endpointId) {
        return Orders.as(buyer).post("/api/webhook-endpoints/" + endpointId + "/rotate-secret");
    }

    /** A parked message older than more than one 1 MB page of delivered ones is still found by a replay. */
    @Test
    void replay_shouldFindAParkedMessageBehindAPageOfDeliveredOnes() {
        String endpointId = create(buyer, List.of("balance.changed"), null).path("id").asText();
        String parked = "msg_parked_" + UUID.randomUUID();
        put(new WebhookMessage(parked, "evt_" + parked, WebhookEventType.BALANCE_CHANGED, buyer.userId(), endpointId,
                "{}", "2026-01-01T00:00:00Z", StepState.PARKED, 10, null, 500));
        String filler = "x".repeat(4000);
        for (int i = 0; i < 300; i++) {
            String id = "msg_done_" + UUID.randomUUID();
            put(new WebhookMessage(id, "evt_" + id, WebhookEventType.BALANCE_CHANGED, buyer.userId(), endpointId,
                    filler, "2026-02-01T00:00:00Z", StepState.DONE, 1, null, 200));
        }

        Orders.as(buyer).post("/api/webhook-endpoints/" + endpointId + "/replay").then().statusCode(200)
                .body("replayed", org.hamcrest.Matchers.equalTo(1));
    }

    private void put(WebhookMessage message) {
        dynamo.putItem(PutItemRequest.builder().tableName(config.table().name())
                .item(WebhookMessageItems.toItem(message, clock.instant())).build());
    }

    @Test
    void failingReceiver_shouldBeRetriedOnTheSchedule_thenParked_thenReplayedThroughTheApi() throws Exception {
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(500)));
        JsonNode created = create(buyer, List.of("balance.changed"), null);
        String id = created.path("id").asText();
        Orders.credit(buyer, "rub", "100");
        Streams.feed(stream);
        assertEquals(1, received().size());

        for (int attempt = 2; attempt <= 10; attempt++) {
            clock.advance(Duration.ofHours(27));
            TestStack.invoke(RETRY);
            assertEquals(attempt, received().size(), "attempt " + attempt);
        }
        clock.advance(Duration.ofDays(3));
        TestStack.invoke(RETRY);
        assertEquals(10, received().size(), "parked after the tenth attempt");
        assertEquals(1, received().stream().map(request -> request.getHeader("webhook-id")).distinct().count(),
                "webhook-id is stable across attempts");

        receiver.stubFor(post(path).willReturn(aResponse().withStatus(204)));
        Orders.as(buyer).post("/api/webhook-endpoints/" + id + "/replay").then().statusCode(200)
                .body("replayed", org.hamcrest.Matchers.equalTo(1));
        TestStack.invoke(RETRY);
        assertEquals(11, received().size());
        Orders.as(buyer).post("/api/webhook-endpoints/" + id + "/replay").then().statusCode(200)
                .body("replayed", org.hamcrest.Matchers.equalTo(0));
        TestStack.invoke(RETRY);
        assertEquals(11, received().size(), "an acknowledged message is never sent again");
    }

    @Test
    void goneReceiver_shouldNotBeRetried_andAdminReplaySendsItAgain() throws Exception {
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(410)));
        String id = create(buyer, List.of("balance.changed"), null).path("id").asText();
        Orders.credit(buyer, "rub", "100");
        Streams.feed(stream);
        clock.advance(Duration.ofHours(1));
        TestStack.invoke(RETRY);
        assertEquals(1, received().size(), "410: gone, not retried");

        receiver.stubFor(post(path).willReturn(aResponse().withStatus(200)));
        JsonNode replayed = Fixtures.admin(Json.object().put("action", "replayWebhooks").put("endpointId", id));
        assertEquals(1, replayed.path("replayed").asInt(), replayed.toString());
        assertEquals(1, replayed.path("outcomes").path("delivered").asInt(), replayed.toString());
        assertEquals(2, received().size());
        assertEquals("validation_error", Fixtures.admin(Json.object().put("action", "replayWebhooks")
                .put("endpointId", "nope")).path("error").asText());
    }

    @Test
    void deletedEndpoint_shouldGetNothingMore() {
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(503)));
        String id = create(buyer, List.of("balance.changed"), null).path("id").asText();
        Orders.credit(buyer, "rub", "100");
        Streams.feed(stream);
        assertEquals(1, received().size());
        Orders.as(buyer).delete("/api/webhook-endpoints/" + id).then().statusCode(204);
        clock.advance(Duration.ofHours(1));
        TestStack.invoke(RETRY);
        Orders.credit(buyer, "rub", "100");
        Streams.feed(stream);
        assertEquals(1, received().size());
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    private List<LoggedRequest> received() {
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private JsonNode create(Buyer owner, List<String> events, String description) {
        return Json.parse(createResponse(owner, events, description).then().statusCode(200).extract().asString());
    }

    private Response createResponse(Buyer owner, List<String> events, String description) {
        ObjectNode body = Json.object().put("url", url());
        body.set("events", Json.MAPPER.valueToTree(events));
        if (description != null) {
            body.put("description", description);
        }
        return Orders.as(owner).contentType("application/json").body(Json.write(body))
                .post("/api/webhook-endpoints/");
    }

    private static JsonNode list(Buyer owner) {
        return Json.parse(Orders.as(owner).get("/api/webhook-endpoints/").then().statusCode(200).extract()
                .asString());
    }

    private static Map<String, List<String>> headers(LoggedRequest request) {
        return Map.of("webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> types(JsonNode answer) {
        List<String> values = new ArrayList<>();
        answer.path("detail").forEach(violation -> values.add(violation.path("type").asText()));
        return values;
    }
}
