package cc.marix.reseller.apiorder;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.order.OrderItems;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Sandbox orders: at most {@value #LIMIT} per user and hour here (200 deployed), counted in the order's own
 * transaction, and deleted by TTL after 7 days, with their idempotency key. Through the HTTP front and, for the
 * storm, the Lambda handler from real threads.
 */
@QuarkusTest
@TestProfile(MockOrderQuotaTest.LowQuota.class)
class MockOrderQuotaTest {

    static final int LIMIT = 5;
    private static final int THREADS = 12;

    public static class LowQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.orders.mock-orders-per-hour", String.valueOf(LIMIT));
        }
    }

    @Inject
    LambdaHttpHandler handler;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    private Fixtures.Stocked stocked;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        stocked = Fixtures.product(3);
        // start each test a minute into a fresh hour, so no window closes halfway through it
        Instant now = clock.instant();
        clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(61))));
    }

    @Test
    void mockOrdersPastTheHourlyLimit_shouldBe429_withRetryAfterTheEndOfTheHour_andFreeAgainNextHour() {
        Buyer buyer = Orders.buyer("1000.00");
        for (int i = 0; i < LIMIT; i++) {
            Orders.post(buyer, mock(null)).then().statusCode(200);
        }
        long untilNextHour = Duration.between(clock.instant(),
                clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1))).toSeconds();

        Response refused = Orders.post(buyer, mock(null));

        refused.then().statusCode(429);
        JsonNode error = Json.parse(refused.asString());
        assertEquals("rate_limited", error.path("error").asText(), error.toString());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter <= untilNextHour + 1 && retryAfter >= untilNextHour - 30,
                retryAfter + " s, expected about " + untilNextHour);
        assertEquals(LIMIT, listed(buyer), "the refused order was not written");
        // the quota is the user's, for sandbox orders only
        Orders.post(Orders.buyer(null), mock(null)).then().statusCode(200);
        Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then().statusCode(200);

        clock.advance(Duration.ofSeconds(retryAfter));

        Orders.post(buyer, mock(null)).then().statusCode(200);
    }

    @Test
    void concurrentMockOrders_shouldCreateExactlyTheLimit_andRefuseTheRest() throws Exception {
        Buyer buyer = Orders.buyer(null);
        List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            ObjectNode body = mock(i % 2 == 0 ? null : Fixtures.unique("storm"));
            calls.add(() -> handler.handleRequest(Orders.event(buyer, body), null));
        }

        List<APIGatewayV2HTTPResponse> responses = Storm.run(calls);

        Map<Integer, Integer> statuses = new TreeMap<>();
        responses.forEach(response -> statuses.merge(response.getStatusCode(), 1, Integer::sum));
        assertEquals(Map.of(200, LIMIT, 429, THREADS - LIMIT), statuses);
        assertEquals(LIMIT, listed(buyer));
    }

    @Test
    void replayedMockOrders_shouldCountOnce_andStillBeAnsweredAtTheLimit() {
        Buyer buyer = Orders.buyer(null);
        ObjectNode keyed = mock(Fixtures.unique("mock-key"));
        String id = Json.parse(Orders.post(buyer, keyed).then().statusCode(200).extract().asString())
                .path("id").asText();
        for (int i = 0; i < 3; i++) {
            Orders.post(buyer, keyed).then().statusCode(200).header("Idempotent-Replayed", "true");
        }
        for (int i = 1; i < LIMIT; i++) {
            Orders.post(buyer, mock(null)).then().statusCode(200);
        }

        Orders.post(buyer, mock(null)).then().statusCode(429);
        String replayed = Orders.post(buyer, keyed).then().statusCode(200).extract().asString();

        assertEquals(id, Json.parse(replayed).path("id").asText());
        assertEquals(LIMIT, listed(buyer));
    }

    @Test
    void aMockOrder_shouldExpireSevenDaysAfterItsDayEnds_withItsKey_andAPaidOrderNever() {
        Buyer buyer = Orders.buyer("1000.00");
        Instant before = clock.instant();
        String mockId = Json.parse(Orders.post(buyer, mock(Fixtures.unique("ttl"))).then().statusCode(200)
                .extract().asString()).path("id").asText();
        String paidId = Json.parse(Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then()
                .statusCode(200).extract().asString()).path("id").asText();

        Map<String, AttributeValue> order = item(OrderItems.key(mockId));
        long expiresAt = Long.parseLong(order.get(TableSchema.TTL).n());
        // the end of the order's UTC day plus seven days: when its day's count stops counting in the list's total
        assertEquals(before.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(8)).getEpochSecond(), expiresAt,
                order.toString());
        Map<String, AttributeValue> key = item(OrderKeys.key(buyer.userId(),
                Json.parse(Orders.as(buyer).get("/api/orders/" + mockId).asString()).path("idempotencyKey").asText()));
        assertTrue(Long.parseLong(key.get(TableSchema.TTL).n()) <= expiresAt, "the key never outlives its order");
        Map<String, AttributeValue> quota = item(MockOrderQuota.key(buyer.userId(), clock.instant()));
        assertEquals("1", quota.get(MockOrderQuota.COUNT).n());
        assertEquals(clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).getEpochSecond(),
                Long.parseLong(quota.get(TableSchema.TTL).n()));
        assertFalse(item(OrderItems.key(paidId)).containsKey(TableSchema.TTL));
    }

    @Test
    void aKeyWhoseSandboxOrderTtlAlreadyDeleted_shouldBe409_notAServerError() {
        Buyer buyer = Orders.buyer(null);
        ObjectNode keyed = mock(Fixtures.unique("expired"));
        String id = Json.parse(Orders.post(buyer, keyed).then().statusCode(200).extract().asString())
                .path("id").asText();
        dynamo.deleteItem(DeleteItemRequest.builder().tableName(config.table().name()).key(OrderItems.key(id))
                .build());

        Orders.post(buyer, keyed).then().statusCode(409).body("error", equalTo("idempotency_key_expired"));
    }

    private ObjectNode mock(String idempotencyKey) {
        return Orders.body(stocked.productId(), 1, idempotencyKey).put("isMock", true);
    }

    private static int listed(Buyer buyer) {
        return Json.parse(Orders.as(buyer).get("/api/orders/").then().statusCode(200).extract().asString())
                .path("total").asInt();
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(config.table().name())
                .key(key).consistentRead(true).build()).item();
        assertNotNull(item, "no item " + key);
        assertTrue(!item.isEmpty(), "no item " + key);
        return item;
    }
}
