package cc.marix.reseller.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.local.StreamFeeder;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.GreenMailResource;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.Streams;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The ambiguous commit: DynamoDB applies a write and its answer is lost (a 500 or a timeout), so the SDK sends it
 * again. With the fault injector making every such write commit and then fail, each caller still gets the answer of
 * one write, once, and the table holds one effect.
 */
@QuarkusTest
class AmbiguousCommitTest {

    private static final String TRANSACT = "TransactWriteItems";
    private static final String CALLBACK_PATH = "/orders/callback";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @BeforeEach
    void front() {
        TestStack.useHttpFront();
    }

    @AfterEach
    void unscript() {
        FaultInjector.clearScript();
        FaultInjector.install(null);
    }

    @Test
    void dynamoDbLocal_shouldAnswerARepeatedTokenWithSuccess_withoutWritingAgain() {
        String pk = "FAULTTEST#" + UUID.randomUUID();
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .clientRequestToken(Transactions.token("test", new Object[] {pk}, List.of()))
                .transactItems(create(pk), increment(pk)).build();

        dynamo.transactWriteItems(request);
        // the same transaction again: its create would be refused, the token makes it the first one's success
        dynamo.transactWriteItems(request);

        assertEquals("1", counter(pk));
    }

    @Test
    void dynamoDbLocal_shouldRefuseATokenReusedWithOtherValues_andTransactionsResendsWithoutIt() {
        String pk = "FAULTTEST#" + UUID.randomUUID();
        String token = Transactions.token("test", new Object[] {pk}, List.of());
        dynamo.transactWriteItems(TransactWriteItemsRequest.builder().clientRequestToken(token)
                .transactItems(increment(pk)).build());

        assertThrows(IdempotentParameterMismatchException.class, () -> dynamo.transactWriteItems(
                TransactWriteItemsRequest.builder().clientRequestToken(token)
                        .transactItems(increment(pk), create("FAULTTEST#" + UUID.randomUUID())).build()));
        assertEquals("1", counter(pk));
    }

    @Test
    void transactions_shouldGiveTheSameTokenToTheSameWrites_andANewOneToOthers() {
        List<TransactWriteItem> writes = List.of(increment("A"));

        String token = Transactions.token("purpose", new Object[] {"id", 0}, writes);

        assertEquals(36, token.length());
        // the same in every process (a retried event may land in another container): nothing identity-based in it
        assertEquals("98fae2913fc7d524803c1ce9eea182f9bd9c", token);
        assertEquals(token, Transactions.token("purpose", new Object[] {"id", 0}, List.of(increment("A"))));
        assertTrue(!token.equals(Transactions.token("purpose", new Object[] {"id", 1}, writes)), "next attempt");
        assertTrue(!token.equals(Transactions.token("purpose", new Object[] {"id", 0}, List.of(increment("B")))));
        assertTrue(!token.equals(Transactions.token("purpose", new Object[] {"i", "d0"}, writes)));
    }

    @Test
    void partnerOrder_shouldDeliverOneCodeOnce_whenItsTransactionCommitsAndTheAnswerIsLost() {
        Stocked stocked = Fixtures.product(5);
        TestPartner partner = Fixtures.partner(stocked.productId());
        ObjectNode body = Notifications.orderPaid(Fixtures.unique("AMBIGUOUS"), stocked.productId(), 1);
        String eventId = UUID.randomUUID().toString();
        long before = FaultInjector.counts().getOrDefault("after-commit " + TRANSACT, 0L);

        // the first attempt commits and fails, so does the SDK's retry (answered from the token), the third answers
        FaultInjector.script(FaultKind.AFTER_COMMIT, TRANSACT, 2);
        Response first = send(partner, body, eventId);
        FaultInjector.clearScript();
        Response again = send(partner, body, eventId);

        assertEquals(before + 2, FaultInjector.counts().get("after-commit " + TRANSACT));
        first.then().statusCode(200).header("Idempotent-Replayed", nullValue());
        assertTrue(stocked.codes().contains(first.<String>path("payload.value")));
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        JsonNode stock = Fixtures.stock(stocked.productId());
        assertEquals(4, stock.path("available").asLong());
        assertEquals(1, stock.path("delivered").asLong());
    }

    @Test
    void balanceOrders_shouldChargeEachOnce_whenHalfTheAttemptsCommitAndLoseTheirAnswer() {
        Catalogs.baselineRate();
        Stocked stocked = Fixtures.product(4);
        Buyer buyer = Orders.buyer("20000.00");
        List<String> orderIds = new ArrayList<>();

        FaultInjector.install(FaultSpec.parse("after-commit=0.5,seed=12"));
        for (int i = 0; i < 3; i++) {
            ObjectNode body = Orders.body(stocked.productId(), 1, Fixtures.unique("key"));
            orderIds.add(Json.parse(postAsAClient(buyer, body).asString()).path("id").asText());
            // the client's own retry of the same request: the same order
            assertEquals(orderIds.get(i), Json.parse(postAsAClient(buyer, body).asString()).path("id").asText());
        }
        FaultInjector.install(null);

        assertTrue(FaultInjector.count(FaultKind.AFTER_COMMIT) > 0);
        assertEquals(3, orderIds.stream().distinct().count());
        assertEquals("5030.00", Orders.available(buyer, "rub"));
        assertEquals("0.00", Orders.balance(buyer, "rub", "reserved"));
        assertEquals(1, Fixtures.stock(stocked.productId()).path("available").asLong());
        for (String orderId : orderIds) {
            JsonNode order = Json.parse(Orders.as(buyer).get("/api/orders/" + orderId).then().statusCode(200)
                    .extract().asString());
            assertEquals("completed", order.path("status").asText(), order.toString());
            assertEquals(2, order.path("events").size(), "created and delivered, once each: " + order);
        }
    }

    @Test
    void tributeCallback_shouldCreditOnce_whenItsTransactionCommitsAndTheAnswerIsLost() {
        ProvidersResource.server().resetAll();
        Buyer buyer = Orders.buyer(null);
        String uuid = UUID.randomUUID().toString();
        Tribute.topUp(buyer, "1500", uuid);
        Tribute.statusIs(uuid, "paid");

        FaultInjector.script(FaultKind.AFTER_COMMIT, TRANSACT, 2);
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200).body("result", equalTo("credited"));
        FaultInjector.clearScript();
        Tribute.send(Tribute.paid(uuid, 150000).put("sent_at", "later")).then().statusCode(200)
                .body("result", equalTo("duplicate"));

        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void deliveryWorker_shouldMailOnceAndRecordOnce_whenEveryUpdateCommitsAndTheAnswerIsLost() {
        GreenMailResource.startSmtp();
        WireMockServer partnerEndpoint = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        partnerEndpoint.start();
        try {
            partnerEndpoint.stubFor(post(CALLBACK_PATH).willReturn(aResponse().withStatus(200)));
            StreamFeeder stream = Streams.feeder(dynamo, config.table().name());
            Stocked stocked = Fixtures.product(2);
            TestPartner partner = Fixtures.partner(stocked.productId());
            String customer = "buyer-" + UUID.randomUUID() + "@example.com";
            ObjectNode body = Notifications.orderPaid(Fixtures.unique("MAIL"), stocked.productId(), 1)
                    .put("deliveryMode", "email").put("customerEmail", customer)
                    .put("callbackUrl", "http://127.0.0.1:" + partnerEndpoint.port() + CALLBACK_PATH)
                    .put("language", "en");
            String orderId = send(partner, body, UUID.randomUUID().toString()).then().statusCode(202).extract()
                    .path("orderId");
            long before = FaultInjector.counts().getOrDefault("after-commit UpdateItem", 0L);

            // the lease and every record: each first attempt commits and fails, the SDK's retry is refused, and
            // the refusal shows the write was ours
            FaultInjector.script(FaultKind.AFTER_COMMIT, "UpdateItem", 40);
            Streams.feed(stream);
            FaultInjector.clearScript();

            assertTrue(FaultInjector.counts().get("after-commit UpdateItem") >= before + 3);
            assertEquals(1, GreenMailResource.smtp().getReceivedMessagesForDomain(customer).length);
            partnerEndpoint.verify(1, postRequestedFor(urlEqualTo(CALLBACK_PATH)));
            JsonNode order = Fixtures.admin(Json.object().put("action", "orderStatus").put("orderId", orderId));
            assertEquals("completed", order.path("status").asText(), order.toString());
            assertEquals("done", order.path("delivery").path("email").asText());
            assertEquals("done", order.path("delivery").path("callback").asText());
            List<String> types = new ArrayList<>();
            order.path("events").forEach(event -> types.add(event.path("type").asText() + "/"
                    + event.path("status").asText()));
            assertEquals(types.size(), types.stream().distinct().count(), "no event recorded twice: " + types);
        } finally {
            partnerEndpoint.stop();
            GreenMailResource.startSmtp();
        }
    }

    @Test
    void deliveryWorker_shouldMoveALinkedUsersCountOnce_whenTheMailsRecordCommitsAndTheSdkGivesUp() {
        GreenMailResource.startSmtp();
        WireMockServer partnerEndpoint = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        partnerEndpoint.start();
        try {
            partnerEndpoint.stubFor(post(CALLBACK_PATH).willReturn(aResponse().withStatus(200)));
            StreamFeeder stream = Streams.feeder(dynamo, config.table().name());
            Stocked stocked = Fixtures.product(2);
            Buyer owner = Orders.buyer(null);
            String slug = Fixtures.unique("linked");
            String secret = "secret-" + UUID.randomUUID();
            ObjectNode create = Json.object().put("action", "createPartner").put("slug", slug)
                    .put("userId", owner.userId());
            create.putArray("secrets").add(secret);
            create.putArray("productIds").add(stocked.productId());
            Fixtures.admin(create);
            assertEquals(0, total(owner, "completed"), "the first list sets the counts");
            String customer = "buyer-" + UUID.randomUUID() + "@example.com";
            ObjectNode body = Notifications.orderPaid(Fixtures.unique("MAIL"), stocked.productId(), 1)
                    .put("deliveryMode", "email").put("customerEmail", customer)
                    .put("callbackUrl", "http://127.0.0.1:" + partnerEndpoint.port() + CALLBACK_PATH)
                    .put("language", "en");
            String orderId = send(new TestPartner(slug, secret), body, UUID.randomUUID().toString()).then()
                    .statusCode(202).extract().path("orderId");
            long before = FaultInjector.counts().getOrDefault("after-commit " + TRANSACT, 0L);

            // the e-mail's record (the one transaction of the delivery) commits and fails more often than the SDK
            // retries it, so the worker's own retry loop sends it again (its log: "recording the accepted e-mail
            // failed ..., retrying")
            FaultInjector.script(FaultKind.AFTER_COMMIT, TRANSACT, 20);
            Streams.feed(stream);
            FaultInjector.clearScript();

            assertTrue(FaultInjector.counts().get("after-commit " + TRANSACT) > before);
            assertEquals(1, GreenMailResource.smtp().getReceivedMessagesForDomain(customer).length);
            partnerEndpoint.verify(1, postRequestedFor(urlEqualTo(CALLBACK_PATH)));
            JsonNode order = Fixtures.admin(Json.object().put("action", "orderStatus").put("orderId", orderId));
            assertEquals("completed", order.path("status").asText(), order.toString());
            assertEquals("done", order.path("delivery").path("callback").asText(), order.toString());
            assertEquals(1, total(owner, "completed"));
            assertEquals(0, total(owner, "active"));
            assertEquals(1, total(owner, "completed,active"));
        } finally {
            partnerEndpoint.stop();
            GreenMailResource.startSmtp();
        }
    }

    private static int total(Buyer owner, String statuses) {
        return Json.parse(Orders.as(owner).get("/api/orders/?statuses=" + statuses).then().statusCode(200).extract()
                .asString()).path("total").asInt();
    }

    /** Posts as a client does: a 503 is retried with the same body after its Retry-After. */
    private static Response postAsAClient(Buyer buyer, ObjectNode body) {
        for (int attempt = 0;; attempt++) {
            Response response = Orders.post(buyer, body);
            if (response.statusCode() != 503 || attempt >= 5) {
                response.then().statusCode(200);
                return response;
            }
            assertEquals("1", response.header("Retry-After"));
        }
    }

    private static Response send(TestPartner partner, ObjectNode body, String eventId) {
        byte[] bytes = Notifications.bytes(body);
        return given().contentType("application/json").body(bytes)
                .header("X-Signature", PartnerSignature.sign(partner.secret(), bytes))
                .header("X-Event-Id", eventId)
                .when().post(Notifications.path(partner.slug())).andReturn();
    }

    private TransactWriteItem create(String pk) {
        return TransactWriteItem.builder().put(Put.builder().tableName(config.table().name())
                .item(Map.of("pk", Attrs.s(pk), "sk", Attrs.s("ITEM")))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private TransactWriteItem increment(String pk) {
        return TransactWriteItem.builder().update(Update.builder().tableName(config.table().name())
                .key(Attrs.key(pk, "COUNTER")).updateExpression("ADD #n :one")
                .expressionAttributeNames(Map.of("#n", "n"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).build()).build();
    }

    private String counter(String pk) {
        return dynamo.getItem(GetItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key(pk, "COUNTER")).consistentRead(true).build()).item().get("n").n();
    }
}
