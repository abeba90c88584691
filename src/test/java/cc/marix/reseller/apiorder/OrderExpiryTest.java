package cc.marix.reseller.apiorder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.account.BalanceStore;
import cc.marix.reseller.lambda.InternalResult;
import cc.marix.reseller.order.OrderEvent;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.support.Times;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The order-expiry function against a test clock, and its race with a late payment. */
@QuarkusTest
class OrderExpiryTest {

    private static final String EXPIRY = "{\"job\": \"order-expiry\"}";

    @Inject
    TestClock clock;

    @Inject
    LambdaHttpHandler handler;

    @Inject
    ObjectMapper mapper;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    ApiOrderStore orders;

    @Inject
    BalanceStore balances;

    @Inject
    StockHold stock;

    @Inject
    Ids ids;

    @BeforeEach
    void front() {
        TestStack.useHttpFront();
    }

    @Test
    void anUnpaidOrder_shouldBeCancelledOnceItsWindowCloses_andOnlyThen() {
        Fixtures.Stocked stocked = Fixtures.product(2);
        Buyer buyer = Orders.buyer(null);
        String orderId = pendingOrder(buyer, stocked.productId());

        Json.parse(TestStack.invoke(EXPIRY));
        status(buyer, orderId).body("status", equalTo("pending_payment"));
        clock.advance(Duration.ofMinutes(31));
        JsonNode run = Json.parse(TestStack.invoke(EXPIRY));

        assertTrue(run.path("expired").asInt() >= 1, run.toString());
        status(buyer, orderId).body("status", equalTo("cancelled")).body("cancelReason", equalTo("payment_expired"))
                .body("events[-1].type", equalTo("expired"));
        TestStack.invoke(EXPIRY);
        status(buyer, orderId).body("status", equalTo("cancelled")).body("events.size()", equalTo(2));
        assertEquals(2, Fixtures.stock(stocked.productId()).path("available").asLong());
        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aPaymentAfterTheExpiry_shouldGoToTheBalance_andTheOrderStaysCancelled() {
        Fixtures.Stocked stocked = Fixtures.product(2);
        Buyer buyer = Orders.buyer(null);
        String orderId = pendingOrder(buyer, stocked.productId());
        clock.advance(Duration.ofMinutes(31));
        TestStack.invoke(EXPIRY);

        JsonNode paid = markPaid(orderId, "late-1");
        JsonNode again = markPaid(orderId, "late-1");

        assertEquals("credited_to_balance", paid.path("outcome").asText(), paid.toString());
        assertEquals("already_applied", again.path("outcome").asText(), again.toString());
        status(buyer, orderId).body("status", equalTo("cancelled"));
        assertEquals("4990.00", Orders.available(buyer, "rub"));
        assertEquals(2, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void aPaymentInTime_shouldDeliverTheOrder_once() {
        Fixtures.Stocked stocked = Fixtures.product(2);
        Buyer buyer = Orders.buyer(null);
        String orderId = pendingOrder(buyer, stocked.productId());

        JsonNode paid = markPaid(orderId, "bank-1");
        JsonNode again = markPaid(orderId, "bank-1");

        assertEquals("paid", paid.path("outcome").asText(), paid.toString());
        assertEquals("completed", paid.path("status").asText());
        assertEquals("already_applied", again.path("outcome").asText());
        status(buyer, orderId).body("status", equalTo("completed")).body("items[0].externalData.size()", equalTo(1));
        assertEquals("0.00", Orders.available(buyer, "rub"));
        assertEquals("0.00", Orders.balance(buyer, "rub", "reserved"));
        assertEquals(1, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void oneReference_shouldPayOneOrderOnly_andSayWhenItIsReusedForAnother() {
        Fixtures.Stocked stocked = Fixtures.product(2);
        Buyer buyer = Orders.buyer(null);
        String first = pendingOrder(buyer, stocked.productId());
        String second = pendingOrder(buyer, stocked.productId());
        String reference = Fixtures.unique("bank");
        markPaid(first, reference);

        JsonNode reused = markPaid(second, reference);

        assertEquals("reference_used", reused.path("error").asText(), reused.toString());
        status(buyer, second).body("status", equalTo("pending_payment"));
        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void aSandboxOrder_shouldNeverBePaid() {
        Fixtures.Stocked stocked = Fixtures.product(1);
        Buyer buyer = Orders.buyer(null);
        String mock = Json.parse(Orders.post(buyer, Orders.body(stocked.productId(), 1, null).put("isMock", true))
                .then().statusCode(200).extract().asString()).path("id").asText();

        assertEquals("mock_order", markPaid(mock, Fixtures.unique("bank")).path("error").asText());
        assertEquals("0.00", Orders.available(buyer, "rub"));
    }

    @Test
    void expiryRacingALatePayment_shouldEndEachOrderInExactlyOneFinalState() throws Exception {
        int rounds = 12;
        Fixtures.Stocked stocked = Fixtures.product(rounds);
        int completed = 0;
        int cancelled = 0;
        for (int round = 0; round < rounds; round++) {
            // a buyer per round: money credited by a lost race would pay the next order from the balance
            Buyer buyer = Orders.buyer(null);
            String orderId = pendingOrder(buyer, stocked.productId());
            clock.advance(Duration.ofMinutes(31));
            String payment = "race-" + orderId;
            List<Callable<String>> calls = new ArrayList<>();
            calls.add(() -> invoke(EXPIRY));
            calls.add(() -> invoke(Json.write(Json.object().put("action", "markOrderPaid").put("orderId", orderId)
                    .put("reference", payment))));
            calls.add(() -> invoke(EXPIRY));
            List<String> answers = Storm.run(calls);

            JsonNode order = Json.parse(status(buyer, orderId).extract().asString());
            String status = order.path("status").asText();
            List<String> types = new ArrayList<>();
            order.path("events").forEach(event -> types.add(event.path("type").asText()));
            JsonNode settled = Json.parse(answers.get(1));
            if ("completed".equals(status)) {
                completed++;
                assertEquals(List.of("created", "paid", "delivered"), types, order.toString());
                assertEquals("paid", settled.path("outcome").asText(), settled.toString());
                assertEquals("0.00", Orders.available(buyer, "rub"));
            } else {
                cancelled++;
                assertEquals("cancelled", status, order.toString());
                assertEquals(List.of("created", "expired"), types, order.toString());
                assertEquals("credited_to_balance", settled.path("outcome").asText(), settled.toString());
                assertEquals("4990.00", Orders.available(buyer, "rub"), "a lost race is credited once");
            }
            assertEquals("0.00", Orders.balance(buyer, "rub", "reserved"));
        }
        assertEquals(rounds, completed + cancelled);
        JsonNode counters = Fixtures.stock(stocked.productId());
        assertEquals(completed, counters.path("delivered").asLong());
        assertEquals(rounds - completed, counters.path("available").asLong());
    }

    @Test
    void aPaidOrderLeftActiveByADeadRequest_shouldBeDeliveredByTheExpiryFunction() {
        Fixtures.Stocked stocked = Fixtures.product(2);
        Buyer buyer = Orders.buyer("10000.00");
        ApiOrder waiting = orders.find(pendingOrder(Orders.buyer(null), stocked.productId())).orElseThrow();
        // what the paying request wrote before it died: the order active, the money reserved, the code claimed
        Instant now = clock.instant();
        List<OrderLine> held = stock.hold(waiting.lines()).lines();
        OrderEvent created = OrderEvent.of(Times.api(now), "created", OrderStatus.ACTIVE, "paid from the balance");
        ApiOrder active = new ApiOrder(ids.nextString(), buyer.userId(), null, false, BalanceCurrency.RUB,
                waiting.price(), OrderStatus.ACTIVE, null, Times.api(now), null, null, held, List.of(created));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(orders.create(active, now.plus(Duration.ofMinutes(2))));
        writes.addAll(balances.reserve(buyer.userId(), BalanceCurrency.RUB, active.price(), active.orderId(),
                active.createdAt()));
        writes.addAll(stock.claims(held));
        dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
        assertEquals("4990.00", Orders.balance(buyer, "rub", "reserved"));

        TestStack.invoke(EXPIRY);
        status(buyer, active.orderId()).body("status", equalTo("active"));
        clock.advance(Duration.ofMinutes(3));
        JsonNode run = Json.parse(TestStack.invoke(EXPIRY));

        assertTrue(run.path("completed").asInt() >= 1, run.toString());
        status(buyer, active.orderId()).body("status", equalTo("completed"))
                .body("items[0].externalData.size()", equalTo(1));
        assertEquals("0.00", Orders.balance(buyer, "rub", "reserved"));
        assertEquals("5010.00", Orders.available(buyer, "rub"));
    }

    /** An order the buyer's balance cannot pay: it waits. */
    private static String pendingOrder(Buyer buyer, String productId) {
        JsonNode order = Json.parse(Orders.post(buyer, Orders.body(productId, 1, null)).then().statusCode(200)
                .extract().asString());
        if (!"pending_payment".equals(order.path("status").asText())) {
            throw new IllegalStateException("expected a pending order: " + order);
        }
        return order.path("id").asText();
    }

    private static JsonNode markPaid(String orderId, String reference) {
        return Fixtures.admin(Json.object().put("action", "markOrderPaid").put("orderId", orderId)
                .put("reference", reference));
    }

    /** An event straight into the Lambda handler, decoded by the handler's own mapper, as the runtime does. */
    private String invoke(String event) throws Exception {
        return ((InternalResult) handler.handleRequest(mapper.readValue(event, APIGatewayV2HTTPEvent.class), null))
                .json();
    }

    private static ValidatableResponse status(Buyer buyer, String orderId) {
        return Orders.as(buyer).get("/api/orders/" + orderId).then()
                .statusCode(200);
    }
}
