package cc.marix.reseller.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.history.History.Call;
import cc.marix.reseller.local.StreamFeeder;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.GreenMailResource;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.PartnerEndpoint;
import cc.marix.reseller.testing.Streams;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * E-mail orders under every DynamoDB fault: partner webhooks with duplicate and fresh-event retries accept them, the
 * delivery worker (fed from the stream, each failed batch sent again as the event source mapping does) and the
 * delivery-retry schedule deliver them under the same faults, and then every accepted order has exactly one e-mail
 * and one acknowledged callback. Seeds, sizes and the soak: {@link Rounds}.
 */
@QuarkusTest
class EmailHistoryTest {

    private static final String RETRY = "{\"job\":\"delivery-retry\"}";

    @Inject
    LambdaHttpHandler handler;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    private PartnerEndpoint partnerEndpoint;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        GreenMailResource.startSmtp();
        partnerEndpoint = PartnerEndpoint.open();
        partnerEndpoint.answers(200);
    }

    @AfterEach
    void tearDown() {
        Rounds.faultsOff();
        partnerEndpoint.stop();
    }

    @Test
    void emailOrders_shouldMailEachOnceAndCallBackOnce_underEveryFault() throws Exception {
        Rounds.run("e-mail orders", this::emailRound);
    }

    /** One e-mail order as the partner meant it, to its own customer. */
    private record EmailOrder(String customer, byte[] body) {
    }

    private record Send(int order, String eventId) {
    }

    private History emailRound(long seed, int size) throws Exception {
        Random random = new Random(seed);
        int orders = Math.max(2, size / 2);
        Stocked stocked = Fixtures.product(orders * 2 / 3);
        TestPartner partner = Fixtures.partner(stocked.productId());
        StreamFeeder stream = Streams.feeder(dynamo, config.table().name());
        List<EmailOrder> emailOrders = new ArrayList<>();
        List<Send> sends = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String customer = "h" + i + "-" + Rounds.uuid(random) + "@example.com";
            ObjectNode body = partnerEndpoint.emailOrder("HM-" + seed + "-" + i, stocked.productId(), customer, "en");
            emailOrders.add(new EmailOrder(customer, Notifications.bytes(body)));
            String eventId = Rounds.uuid(random);
            sends.add(new Send(i, eventId));
            if (random.nextDouble() < 0.3) {
                sends.add(new Send(i, eventId));
            }
            if (random.nextDouble() < 0.25) {
                sends.add(new Send(i, Rounds.uuid(random)));
            }
        }
        Collections.shuffle(sends, random);

        History history = new History();
        Rounds.faultsOn(seed);
        Rounds.concurrently(sends, send -> history.send(Integer.toString(send.order()), send.eventId(),
                () -> handler.handleRequest(Notifications.event(partner.slug(), emailOrders.get(send.order()).body(),
                        partner.secret(), send.eventId()), null)));
        Map<String, String> accepted = accepted(history, emailOrders);
        deliver(stream);
        for (int run = 0; run < 6 && !allDone(accepted.keySet()); run++) {
            // the schedule's later ticks: each retry becomes due as the clock passes its backoff
            clock.advance(Duration.ofHours(1));
            Rounds.invokeUntilItSucceeds(RETRY);
        }
        Rounds.faultsOff();
        clock.advance(Duration.ofDays(4));
        TestStack.invoke(RETRY);

        checkDeliveries(accepted, stocked);
        return history;
    }

    /** Each accepted order's id by its customer; checks the answers: every copy of an order answered alike. */
    private static Map<String, String> accepted(History history, List<EmailOrder> emailOrders) {
        Map<String, String> accepted = new HashMap<>();
        for (Map.Entry<String, List<Call>> entry : history.byOperation().entrySet()) {
            List<Call> calls = entry.getValue();
            String what = "order " + entry.getKey() + " answered " + calls;
            Set<Integer> statuses = new HashSet<>();
            calls.forEach(call -> statuses.add(call.status()));
            assertTrue(Set.of(202).equals(statuses) || Set.of(409).equals(statuses),
                    "one order is accepted for every request or out of stock for every one: " + what);
            if (statuses.contains(409)) {
                continue;
            }
            Set<String> orderIds = new HashSet<>();
            Map<String, String> bodyByEvent = new HashMap<>();
            for (Call call : calls) {
                orderIds.add(Json.parse(call.body()).path("orderId").asText());
                String earlier = bodyByEvent.putIfAbsent(call.request(), call.body());
                assertTrue(earlier == null || earlier.equals(call.body()),
                        "a replayed event must be answered identically: " + what);
            }
            assertEquals(1, orderIds.size(), "one order per external order: " + what);
            accepted.put(orderIds.iterator().next(), emailOrders.get(Integer.parseInt(entry.getKey())).customer());
        }
        return accepted;
    }

    /** Feeds every new stream batch to the worker; a failed batch is sent again, as the event source mapping does. */
    private static void deliver(StreamFeeder stream) {
        for (String batch : stream.poll()) {
            Rounds.invokeUntil(batch, answer -> answer.path("batchItemFailures").isEmpty());
        }
    }

    private static boolean allDone(Set<String> orderIds) {
        return orderIds.stream().allMatch(orderId -> {
            JsonNode delivery = order(orderId).path("delivery");
            return "done".equals(delivery.path("email").asText()) && "done".equals(delivery.path("callback").asText());
        });
    }

    private void checkDeliveries(Map<String, String> accepted, Stocked stocked) {
        for (Map.Entry<String, String> order : accepted.entrySet()) {
            String orderId = order.getKey();
            JsonNode stored = order(orderId);
            assertEquals("completed", stored.path("status").asText(), stored.toString());
            assertEquals("done", stored.path("delivery").path("email").asText(), stored.toString());
            assertEquals("done", stored.path("delivery").path("callback").asText(), stored.toString());
            assertEquals(1, GreenMailResource.smtp().getReceivedMessagesForDomain(order.getValue()).length,
                    "exactly one e-mail for order " + orderId);
            assertEquals(1, partnerEndpoint.callbacks().stream()
                    .filter(callback -> ("msg_" + orderId).equals(callback.getHeader("webhook-id"))).count(),
                    "exactly one acknowledged callback for order " + orderId);
        }
        JsonNode stock = Fixtures.stock(stocked.productId());
        assertEquals(accepted.size(), stock.path("delivered").asLong(), "delivered counter " + stock);
        assertEquals(stocked.codes().size() - accepted.size(), stock.path("available").asLong(), stock.toString());
    }

    private static JsonNode order(String orderId) {
        return Fixtures.admin(Json.object().put("action", "orderStatus").put("orderId", orderId));
    }
}
