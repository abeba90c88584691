package cc.marix.reseller.apiorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Orders racing for one balance and one idempotency key, from real threads into the Lambda handler. */
@QuarkusTest
class OrderConcurrencyTest {

    private static final int THREADS = 20;

    @Inject
    LambdaHttpHandler handler;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @BeforeEach
    void front() {
        TestStack.useHttpFront();
    }

    @Test
    void twentyOrdersAgainstABalanceForTen_shouldCompleteTen_andLeaveTheBalanceAtZero() throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(30);
        Buyer buyer = Orders.buyer("49900.00");
        List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            ObjectNode body = Orders.body(stocked.productId(), 1, "order-" + i);
            calls.add(() -> handler.handleRequest(Orders.event(buyer, body), null));
        }

        List<APIGatewayV2HTTPResponse> responses = Storm.run(calls);

        Map<String, Integer> statuses = new TreeMap<>();
        Set<String> codes = new HashSet<>();
        for (APIGatewayV2HTTPResponse response : responses) {
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode order = Json.parse(response.getBody());
            statuses.merge(order.path("status").asText(), 1, Integer::sum);
            order.path("items").path(0).path("externalData").forEach(code -> codes.add(code.asText()));
        }
        assertEquals(Map.of("completed", 10, "pending_payment", 10), statuses);
        assertEquals(10, codes.size(), "no code may reach two orders");
        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("0.00", Orders.balance(buyer, "rub", "reserved"));
        JsonNode stock = Fixtures.stock(stocked.productId());
        assertEquals(20, stock.path("available").asLong());
        assertEquals(10, stock.path("delivered").asLong());
        Map<String, BigDecimal> ledger = ledger(buyer.userId());
        assertEquals(0, ledger.get("available").signum(), ledger.toString());
        assertEquals(0, ledger.get("reserved").signum(), ledger.toString());
        assertEquals(0, new BigDecimal("-49900.00").compareTo(ledger.get("spent")), ledger.toString());
    }

    @Test
    void twentyRequestsWithOneKey_shouldMakeOneOrder_andChargeOnce() throws Exception {
        Fixtures.Stocked stocked = Fixtures.product(30);
        Buyer buyer = Orders.buyer("49900.00");
        ObjectNode body = Orders.body(stocked.productId(), 1, Fixtures.unique("one-key"));
        List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            calls.add(() -> handler.handleRequest(Orders.event(buyer, body), null));
        }

        List<APIGatewayV2HTTPResponse> responses = Storm.run(calls);

        Set<String> ids = new HashSet<>();
        for (APIGatewayV2HTTPResponse response : responses) {
            assertEquals(200, response.getStatusCode(), response.getBody());
            ids.add(Json.parse(response.getBody()).path("id").asText());
        }
        assertEquals(1, ids.size());
        assertEquals("44910.00", Orders.available(buyer, "rub"));
        assertEquals(29, Fixtures.stock(stocked.productId()).path("available").asLong());
        assertTrue(responses.stream().filter(response -> "true".equals(replayed(response))).count() == THREADS - 1,
                "all but the first are replays");
    }

    private static String replayed(APIGatewayV2HTTPResponse response) {
        if (response.getHeaders() != null && response.getHeaders().containsKey("Idempotent-Replayed")) {
            return response.getHeaders().get("Idempotent-Replayed");
        }
        return response.getMultiValueHeaders() == null ? null
                : String.join(",", response.getMultiValueHeaders().getOrDefault("Idempotent-Replayed", List.of()));
    }

    /** Each bucket's ledger sum; {@code spent}: the reserved entries that took money out (deliveries). */
    private Map<String, BigDecimal> ledger(String userId) {
        Map<String, BigDecimal> sums = new HashMap<>(Map.of("available", BigDecimal.ZERO, "reserved",
                BigDecimal.ZERO, "spent", BigDecimal.ZERO));
        for (Map<String, AttributeValue> entry : dynamo.query(QueryRequest.builder().tableName(config.table().name())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s("USER#" + userId), ":ledger", Attrs.s("LEDGER#")))
                .consistentRead(true).build()).items()) {
            BigDecimal amount = Attrs.decimal(entry, "amount");
            sums.merge(Attrs.str(entry, "bucket"), amount, BigDecimal::add);
            if (Attrs.str(entry, "reason").endsWith(": delivered")) {
                sums.merge("spent", amount, BigDecimal::add);
            }
        }
        return sums;
    }
}
