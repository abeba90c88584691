package cc.marix.reseller.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Storm;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Storms with real threads. In AWS every concurrent request gets its own execution environment; one local runtime
 * serves invocations one at a time, so these tests call the Lambda handler itself from many threads at once, with
 * the same Function URL events AWS sends, into DynamoDB Local.
 */
@QuarkusTest
class PartnerWebhookConcurrencyTest {

    private static final int THREADS = 50;

    @Inject
    LambdaHttpHandler handler;

    @Test
    void sameEventFrom50Threads_shouldDeliverOneCode_andGiveEveryoneTheSameAnswer() throws Exception {
        Stocked stocked = Fixtures.product(10);
        TestPartner partner = Fixtures.partner(stocked.productId());
        byte[] body = Notifications.bytes(
                Notifications.orderPaid(Fixtures.unique("STORM"), stocked.productId(), 1));
        APIGatewayV2HTTPEvent event = Notifications.event(partner.slug(), body, partner.secret(),
                PartnerWebhookTest.newEventId());

        List<APIGatewayV2HTTPResponse> responses = storm(THREADS, i -> event);

        Set<String> bodies = new HashSet<>();
        for (APIGatewayV2HTTPResponse response : responses) {
            assertEquals(200, response.getStatusCode(), text(response));
            bodies.add(text(response));
        }
        assertEquals(1, bodies.size(), "every copy must get the first answer");
        JsonNode stock = Fixtures.stock(stocked.productId());
        assertEquals(9, stock.path("available").asLong());
        assertEquals(1, stock.path("delivered").asLong());
    }

    @Test
    void fiftyOrdersFor20Codes_shouldDeliverExactly20DistinctCodes_and30OutOfStock() throws Exception {
        Stocked stocked = Fixtures.product(20);
        TestPartner partner = Fixtures.partner(stocked.productId());

        List<APIGatewayV2HTTPResponse> responses = storm(THREADS, i -> Notifications.event(partner.slug(),
                Notifications.bytes(Notifications.orderPaid("ORDER-" + i + "-" + Fixtures.unique("S"),
                        stocked.productId(), 1)),
                partner.secret(), PartnerWebhookTest.newEventId()));

        List<String> delivered = new ArrayList<>();
        int outOfStock = 0;
        for (APIGatewayV2HTTPResponse response : responses) {
            JsonNode answer = Json.parse(text(response));
            if (response.getStatusCode() == 200) {
                delivered.add(answer.path("payload").path("value").asText());
            } else {
                assertEquals(409, response.getStatusCode(), text(response));
                assertEquals("out_of_stock", answer.path("reason").asText());
                outOfStock++;
            }
        }
        assertEquals(20, delivered.size());
        assertEquals(20, new HashSet<>(delivered).size(), "no code may reach two orders");
        assertTrue(stocked.codes().containsAll(delivered));
        assertEquals(30, outOfStock);
        JsonNode stock = Fixtures.stock(stocked.productId());
        assertEquals(0, stock.path("available").asLong());
        assertEquals(20, stock.path("delivered").asLong());
    }

    interface EventFactory {
        APIGatewayV2HTTPEvent event(int index);
    }

    private List<APIGatewayV2HTTPResponse> storm(int threads, EventFactory events) throws Exception {
        List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            APIGatewayV2HTTPEvent event = events.event(i);
            calls.add(() -> handler.handleRequest(event, null));
        }
        return Storm.run(calls, Duration.ofSeconds(60));
    }

    static String text(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        return response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                : body;
    }
}
