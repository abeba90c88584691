package cc.marix.reseller.delivery;

import static cc.marix.reseller.testing.PartnerEndpoint.CALLBACK_PATH;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMailUtil;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.local.StreamFeeder;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.signing.StandardWebhookSignature;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.GreenMailResource;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.PartnerEndpoint;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.Streams;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestDns;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * E-mail delivery end to end: the notification through the Function URL front, the worker fed from DynamoDB
 * Local's stream through the Lambda runtime, a real SMTP server (GreenMail) and a real partner endpoint (WireMock),
 * with time moved by the test clock instead of waited for.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailDeliveryTest {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    @Inject
    DeliveryWorker worker;

    private PartnerEndpoint partnerEndpoint;
    /** Every test mails its own customer: orders other tests left due may be delivered by this test's retries. */
    private String customer;
    private StreamFeeder stream;
    private Stocked stocked;
    private TestPartner partner;
    /** The API user the partner is linked to: its orders list shows the partner's orders, counted. */
    private Orders.Buyer owner;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        GreenMailResource.startSmtp();
        customer = "buyer-" + UUID.randomUUID() + "@example.com";
        partnerEndpoint = PartnerEndpoint.open();
        stream = Streams.feeder(dynamo, config.table().name());
        stocked = Fixtures.product(5);
        owner = Orders.buyer(null);
        String slug = Fixtures.unique("mailer");
        String secret = "secret-" + UUID.randomUUID();
        ObjectNode create = Json.object().put("action", "createPartner").put("slug", slug)
                .put("userId", owner.userId());
        create.putArray("secrets").add(secret);
        create.putArray("productIds").add(stocked.productId());
        Fixtures.admin(create);
        partner = new TestPartner(slug, secret);
    }

    @AfterEach
    void tearDown() {
        partnerEndpoint.stop();
        GreenMailResource.startSmtp();
    }

    @Test
    void emailOrder_shouldSendOneMailWithTheCode_thenOneSignedCallback() throws Exception {
        partnerEndpoint.answers(200);
        String externalOrderId = Fixtures.unique("MAIL");

        Response accepted = sendEmailOrder(externalOrderId, callbackUrl(), "en");
        accepted.then().statusCode(202)
                .body("status", equalTo("accepted"))
                .body("externalOrderId", equalTo(externalOrderId))
                .body("orderId", notNullValue())
                .body("estimatedDeliverySeconds", equalTo(30));
        String orderId = accepted.path("orderId");
        assertEquals(4, Fixtures.stock(stocked.productId()).path("available").asLong(), "claimed at acceptance");

        assertEquals(1, Streams.feed(stream));

        List<MimeMessage> mails = mails();
        assertEquals(1, mails.size());
        String mailBody = GreenMailUtil.getBody(mails.get(0));
        assertEquals(1, stocked.codes().stream().filter(mailBody::contains).count(),
                "the e-mail holds exactly one of the product's codes");
        assertTrue(mailBody.contains("Product"), "English product name");

        List<LoggedRequest> callbacks = partnerEndpoint.callbacks();
        assertEquals(1, callbacks.size());
        LoggedRequest callback = callbacks.get(0);
        byte[] received = callback.getBody();
        assertEquals(PartnerSignature.sign(partner.secret(), received), callback.getHeader("X-Signature"));
        long timestamp = Long.parseLong(callback.getHeader("webhook-timestamp"));
        assertEquals("msg_" + orderId, callback.getHeader("webhook-id"));
        assertEquals(StandardWebhookSignature.sign(partner.secret(), "msg_" + orderId, timestamp, received),
                callback.getHeader("webhook-signature"));
        JsonNode body = Json.parse(new String(received, StandardCharsets.UTF_8));
        assertEquals("fulfilled", body.path("status").asText());
        assertEquals(orderId, body.path("orderId").asText());
        assertEquals(externalOrderId, body.path("externalOrderId").asText());
        assertEquals(customer, body.path("deliveredTo").asText());
        assertEquals("email", body.path("deliveryMethod").asText());
        assertTrue(body.path("fulfilledAt").asText().startsWith("20"));

        JsonNode order = order(orderId);
        assertEquals("completed", order.path("status").asText());
        assertEquals("done", order.path("delivery").path("email").asText());
        assertEquals("done", order.path("delivery").path("callback").asText());
        assertEquals(List.of(1, 0), totals("completed", "active"), "the worker's move counted in the user's list");
    }

    @Test
    void emailOrderOfALinkedUserWithCountsAlreadySet_shouldMoveItsCountOnce_throughTheMailAndTheCallback() {
        partnerEndpoint.answers(200);
        assertEquals(List.of(0, 0), totals("completed", "active"), "the first list sets the (empty) counts");
        sendEmailOrder(Fixtures.unique("COUNTED"), callbackUrl(), "en").then().statusCode(202);
        assertEquals(List.of(0, 1), totals("completed", "active"), "counted while its e-mail is due");

        assertEquals(1, Streams.feed(stream));

        assertEquals(1, mails().size());
        assertEquals(1, partnerEndpoint.callbacks().size());
        // the callback's write comes after the mail's: it must not move the count from active a second time
        assertEquals(List.of(1, 0), totals("completed", "active"), "moved active -> completed once");
    }

    @Test
    void callback_shouldBeSignedWithTheLiveSecretsOnly_afterARotation() {
        partnerEndpoint.answers(200);
        sendEmailOrder(Fixtures.unique("ROTATED"), callbackUrl(), "en").then().statusCode(202);
        String next = "next-" + UUID.randomUUID();
        Fixtures.admin(Json.object().put("action", "rotatePartnerSecret").put("slug", partner.slug())
                .put("secret", next).put("previousSecretTtlSeconds", 60));
        // expired, though still on the partner's item until the next rotation
        clock.advance(Duration.ofSeconds(60));

        assertEquals(1, Streams.feed(stream));

        List<LoggedRequest> callbacks = partnerEndpoint.callbacks();
        assertEquals(1, callbacks.size());
        LoggedRequest callback = callbacks.get(0);
        byte[] received = callback.getBody();
        long timestamp = Long.parseLong(callback.getHeader("webhook-timestamp"));
        assertEquals(PartnerSignature.sign(next, received), callback.getHeader("X-Signature"));
        assertEquals(StandardWebhookSignature.sign(next, callback.getHeader("webhook-id"), timestamp, received),
                callback.getHeader("webhook-signature"), "the expired secret signs nothing");
    }

    @Test
    void sameStreamRecordTwice_shouldSendOneMailAndOneCallback() {
        partnerEndpoint.answers(200);
        sendEmailOrder(Fixtures.unique("TWICE"), callbackUrl(), "ru").then().statusCode(202);

        List<String> batches = stream.poll();
        assertEquals(1, batches.size());
        TestStack.invoke(batches.get(0));
        TestStack.invoke(batches.get(0));
        runRetries();

        assertEquals(1, mails().size());
        assertEquals(1, partnerEndpoint.callbacks().size());
    }

    @Test
    void workersRacingForOneOrder_shouldSendOneMailAndOneCallback() throws Exception {
        partnerEndpoint.stubFor(post(CALLBACK_PATH).willReturn(aResponse().withStatus(200).withFixedDelay(200)));
        String orderId = sendEmailOrder(Fixtures.unique("RACE"), callbackUrl(), "ru").path("orderId");

        List<Callable<DeliveryWorker.Outcome>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(() -> worker.deliver(orderId));
        }
        List<DeliveryWorker.Outcome> outcomes = Storm.run(runs, Duration.ofSeconds(30));
        assertEquals(1, outcomes.stream().filter(outcome -> outcome == DeliveryWorker.Outcome.DELIVERED).count(),
                "outcomes: " + outcomes);
        assertEquals(1, mails().size());
        assertEquals(1, partnerEndpoint.callbacks().size());
    }

    @Test
    void failingPartner_shouldBeRetriedWithGrowingDelays_untilOneAcknowledgedCallback() {
        partnerEndpoint.stubFor(post(CALLBACK_PATH).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("slow"));
        partnerEndpoint.stubFor(post(CALLBACK_PATH).inScenario("flaky").whenScenarioStateIs("slow")
                .willReturn(aResponse().withStatus(200).withFixedDelay(4_000)).willSetStateTo("ok"));
        partnerEndpoint.stubFor(post(CALLBACK_PATH).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        String orderId = sendEmailOrder(Fixtures.unique("FLAKY"), callbackUrl(), "ru").path("orderId");

        Streams.feed(stream);                                  // attempt 1: 500
        runRetries();
        assertEquals(1, partnerEndpoint.callbacks().size(),
                "nothing is due before its time");
        clock.advance(Duration.ofSeconds(6));
        runRetries();                                          // attempt 2: times out
        List<String> webhookIds = new ArrayList<>();
        partnerEndpoint.callbacks()
                .forEach(request -> webhookIds.add(request.getHeader("webhook-id")));
        int port = partnerEndpoint.port();
        partnerEndpoint.stop();
        clock.advance(Duration.ofMinutes(6));
        runRetries();                                          // attempt 3: connection refused
        partnerEndpoint = PartnerEndpoint.openOn(port);
        partnerEndpoint.answers(200);
        clock.advance(Duration.ofMinutes(34));
        runRetries();                                          // attempt 4: acknowledged
        clock.advance(Duration.ofDays(4));
        runRetries();                                          // nothing more

        assertEquals(1, partnerEndpoint.callbacks().size());
        webhookIds.add(partnerEndpoint.callbacks().get(0)
                .getHeader("webhook-id"));
        assertEquals(List.of("msg_" + orderId, "msg_" + orderId, "msg_" + orderId), webhookIds,
                "webhook-id is the same on every attempt");
        JsonNode order = order(orderId);
        assertEquals("done", order.path("delivery").path("callback").asText());
        assertEquals(4, order.path("delivery").path("callbackAttempts").asInt());
        List<JsonNode> attempts = callbackAttempts(order);
        assertEquals(4, attempts.size());
        assertEquals(500, attempts.get(0).path("httpStatus").asInt());
        assertTrue(attempts.get(1).path("httpStatus").isMissingNode(), "timed out: no answer");
        assertTrue(attempts.get(2).path("httpStatus").isMissingNode(), "connection refused: no answer");
        assertEquals(200, attempts.get(3).path("httpStatus").asInt());
        Duration first = waitAfter(attempts.get(0));
        Duration second = waitAfter(attempts.get(1));
        Duration third = waitAfter(attempts.get(2));
        assertTrue(first.compareTo(second) < 0 && second.compareTo(third) < 0,
                "delays grow: " + first + ", " + second + ", " + third);
        assertTrue(attempts.get(3).path("nextAttemptAt").isMissingNode());
        assertEquals(1, mails().size());
    }

    @Test
    void partnerAnswering400_shouldNotBeRetried_untilAnAdminReplaysIt() {
        partnerEndpoint.answers(400);
        String externalOrderId = Fixtures.unique("BAD");
        String orderId = sendEmailOrder(externalOrderId, callbackUrl(), "ru").path("orderId");
        Streams.feed(stream);
        clock.advance(Duration.ofDays(4));
        runRetries();

        assertEquals(1, partnerEndpoint.callbacks().size());
        assertEquals("rejected", order(orderId).path("delivery").path("callback").asText());

        partnerEndpoint.resetAll();
        partnerEndpoint.answers(204);
        JsonNode replayed = Fixtures.admin(Json.object().put("action", "replayCallback").put("partner", partner.slug())
                .put("externalOrderId", externalOrderId));
        assertEquals("delivered", replayed.path("outcome").asText());
        assertEquals("done", replayed.path("order").path("delivery").path("callback").asText());

        JsonNode again = Fixtures.admin(Json.object().put("action", "replayCallback").put("orderId", orderId));
        assertEquals("nothing_due", again.path("outcome").asText());
        assertEquals(1, partnerEndpoint.callbacks().size(),
                "an acknowledged callback is never sent again");
        assertEquals(1, mails().size(), "nor is the e-mail");
    }

    @Test
    void partnerAnswering429_shouldBeRetried() {
        partnerEndpoint.stubFor(post(CALLBACK_PATH).inScenario("busy").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("free"));
        partnerEndpoint.stubFor(post(CALLBACK_PATH).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200)));
        String orderId = sendEmailOrder(Fixtures.unique("BUSY"), callbackUrl(), "ru").path("orderId");
        Streams.feed(stream);
        clock.advance(Duration.ofSeconds(6));
        runRetries();
        assertEquals(2, partnerEndpoint.callbacks().size());
        assertEquals("done", order(orderId).path("delivery").path("callback").asText());
    }

    @Test
    void callbacks_shouldBeParked_afterTheLastAttempt() {
        partnerEndpoint.answers(503);
        String orderId = sendEmailOrder(Fixtures.unique("PARK"), callbackUrl(), "ru").path("orderId");
        Streams.feed(stream);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofHours(27));
            runRetries();
        }
        JsonNode order = order(orderId);
        assertEquals("parked", order.path("delivery").path("callback").asText());
        assertEquals(10, order.path("delivery").path("callbackAttempts").asInt());
        assertEquals(10, partnerEndpoint.callbacks().size());
        assertTrue(order.path("delivery").path("nextAttemptAt").isMissingNode()
                || order.path("delivery").path("nextAttemptAt").isNull());
    }

    @Test
    void callbackHostThatStopsResolving_shouldBeRetried_notRejected() {
        String host = "flaky-dns-" + UUID.randomUUID() + ".partner.test";
        TestDns.point(host, "127.0.0.1");
        partnerEndpoint.answers(200);
        String url = "http://" + host + ":" + partnerEndpoint.port() + CALLBACK_PATH;
        String orderId = sendEmailOrder(Fixtures.unique("NXDOMAIN"), url, "ru").path("orderId");

        TestDns.forget(host);
        Streams.feed(stream);
        assertEquals("pending", order(orderId).path("delivery").path("callback").asText());

        TestDns.point(host, "127.0.0.1");
        clock.advance(Duration.ofSeconds(6));
        runRetries();
        // the check passes again and the send is attempted (the JDK client resolves the made-up name itself and
        // fails to connect: a passing failure again, so still pending, never rejected)
        JsonNode order = order(orderId);
        List<JsonNode> attempts = callbackAttempts(order);
        assertEquals(2, attempts.size());
        assertTrue(attempts.get(0).path("detail").asText().contains("does not resolve"));
        assertTrue(attempts.get(1).path("detail").asText().contains("got no answer"), attempts.get(1).toString());
        assertEquals("pending", order.path("delivery").path("callback").asText());
    }

    @Test
    void partnerAnswering410_shouldStopRetries() {
        partnerEndpoint.answers(410);
        String orderId = sendEmailOrder(Fixtures.unique("GONE"), callbackUrl(), "ru").path("orderId");
        Streams.feed(stream);
        clock.advance(Duration.ofDays(4));
        runRetries();
        assertEquals(1, partnerEndpoint.callbacks().size());
        assertEquals("gone", order(orderId).path("delivery").path("callback").asText());
    }

    /**
     * Runs last: it stops and restarts the SMTP server, after which the mail client's first send has been seen to
     * hang until its timeout now and then (not root-caused); no other test here should meet that.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void smtpDownAtFirst_shouldRetryTheMail_andSendNoCallbackBeforeItIsAccepted() {
        partnerEndpoint.answers(200);
        GreenMailResource.stopSmtp();
        String orderId = sendEmailOrder(Fixtures.unique("SMTP"), callbackUrl(), "ru").path("orderId");

        Streams.feed(stream);
        assertEquals(0, partnerEndpoint.callbacks().size());
        JsonNode waiting = order(orderId);
        assertEquals("pending", waiting.path("delivery").path("email").asText());
        assertEquals(1, waiting.path("delivery").path("emailAttempts").asInt());
        assertEquals("active", waiting.path("status").asText());

        GreenMailResource.startSmtp();
        clock.advance(Duration.ofSeconds(6));
        runRetries();

        assertEquals(1, mails().size());
        assertEquals(1, partnerEndpoint.callbacks().size());
        JsonNode done = order(orderId);
        assertEquals("completed", done.path("status").asText());
        assertEquals(List.of(1, 0), totals("completed", "active"), "the retry's move counted in the user's list");
        assertEquals(2, done.path("delivery").path("emailAttempts").asInt());
        Instant mailAccepted = Instant.parse(done.path("fulfilledAt").asText());
        Instant callbackSent = Instant.parse(callbackAttempts(done).get(0).path("at").asText());
        assertTrue(!callbackSent.isBefore(mailAccepted), "the callback comes after the e-mail");
    }

    @Test
    void callbackHostMovingToAPrivateAddress_shouldBeRefusedAtSendTime() {
        String host = "callbacks-" + UUID.randomUUID() + ".partner.test";
        TestDns.point(host, "127.0.0.1");
        partnerEndpoint.answers(200);
        // https: refused for the address, not the scheme (tests allow only loopback over plain http)
        String url = "https://" + host + ":" + partnerEndpoint.port() + CALLBACK_PATH;
        String orderId = sendEmailOrder(Fixtures.unique("DNS"), url, "ru").path("orderId");

        TestDns.point(host, "169.254.169.254");
        Streams.feed(stream);

        assertEquals(1, mails().size());
        assertEquals(0, partnerEndpoint.callbacks().size());
        JsonNode order = order(orderId);
        assertEquals("rejected", order.path("delivery").path("callback").asText());
        assertTrue(callbackAttempts(order).get(0).path("detail").asText().contains("link-local"),
                callbackAttempts(order).get(0).toString());
    }

    @Test
    void forbiddenCallbackUrlsAndBadEmails_shouldBe422_andClaimNothing() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.1/cb",
                "https://[fd00::1]/cb", "https://192.168.1.10/cb", "ftp://partner.example/cb")) {
            sendEmailOrder(Fixtures.unique("SSRF"), url, "ru").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "callbackUrl")));
        }
        ObjectNode badEmail = emailOrder(Fixtures.unique("MAIL"), callbackUrl(), "ru").put("customerEmail", "nobody");
        send(badEmail).then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "customerEmail")));
        ObjectNode noCallback = emailOrder(Fixtures.unique("MAIL"), callbackUrl(), "ru");
        noCallback.remove("callbackUrl");
        send(noCallback).then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "callbackUrl")));
        assertEquals(5, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void emailOrderRepeated_shouldAnswerTheFirst202() {
        partnerEndpoint.answers(200);
        ObjectNode body = emailOrder(Fixtures.unique("REPEAT"), callbackUrl(), "ru");
        String eventId = UUID.randomUUID().toString();
        Response first = send(body, eventId);
        Response again = send(body, eventId);
        Response newEvent = send(body, UUID.randomUUID().toString());
        first.then().statusCode(202);
        again.then().statusCode(202).header("Idempotent-Replayed", "true");
        newEvent.then().statusCode(202).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        assertEquals(4, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    private String callbackUrl() {
        return partnerEndpoint.callbackUrl();
    }

    private ObjectNode emailOrder(String externalOrderId, String callbackUrl, String language) {
        return Notifications.orderPaid(externalOrderId, stocked.productId(), 1)
                .put("deliveryMode", "email")
                .put("customerEmail", customer)
                .put("callbackUrl", callbackUrl)
                .put("language", language);
    }

    private Response sendEmailOrder(String externalOrderId, String callbackUrl, String language) {
        return send(emailOrder(externalOrderId, callbackUrl, language));
    }

    private Response send(ObjectNode body) {
        return send(body, UUID.randomUUID().toString());
    }

    private Response send(ObjectNode body, String eventId) {
        return Notifications.send(partner, body, eventId);
    }

    /** The messages the SMTP server received for this test's customer. */
    private List<MimeMessage> mails() {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage message : GreenMailResource.smtp().getReceivedMessagesForDomain(customer)) {
            mine.add(message);
        }
        return mine;
    }

    /** The owner's orders list's {@code total} for each status. */
    private List<Integer> totals(String... statuses) {
        List<Integer> totals = new ArrayList<>();
        for (String status : statuses) {
            totals.add(Json.parse(Orders.as(owner).get("/api/orders/?statuses=" + status).then().statusCode(200)
                    .extract().asString()).path("total").asInt());
        }
        return totals;
    }

    private static int runRetries() {
        return Json.parse(TestStack.invoke("{\"job\":\"delivery-retry\"}")).path("due").asInt();
    }

    private static JsonNode order(String orderId) {
        return Fixtures.admin(Json.object().put("action", "orderStatus").put("orderId", orderId));
    }

    private static List<JsonNode> callbackAttempts(JsonNode order) {
        List<JsonNode> attempts = new ArrayList<>();
        order.path("events").forEach(event -> {
            if ("callback_attempt".equals(event.path("type").asText())) {
                attempts.add(event);
            }
        });
        return attempts;
    }

    private static Duration waitAfter(JsonNode attempt) {
        return Duration.between(Instant.parse(attempt.path("at").asText()),
                Instant.parse(attempt.path("nextAttemptAt").asText()));
    }

}
