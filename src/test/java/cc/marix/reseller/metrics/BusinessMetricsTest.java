package cc.marix.reseller.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.local.StreamFeeder;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.testing.EmfCapture;
import cc.marix.reseller.testing.EmfSpec;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.GreenMailResource;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.Streams;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The business metrics of functions.md ("Metrics"), read back from what the functions print on stdout, each through
 * the real event path: every printed document must be one CloudWatch would take (the EMF specification's rules,
 * {@link EmfSpec}), and the counts those of what happened, once.
 */
@QuarkusTest
class BusinessMetricsTest {

    private static final String CALLBACK_PATH = "/metrics/callback";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    private EmfCapture capture;
    private WireMockServer partnerEndpoint;
    private Stocked stocked;
    private TestPartner partner;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        GreenMailResource.startSmtp();
        partnerEndpoint = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        partnerEndpoint.start();
        stocked = Fixtures.product(3);
        partner = Fixtures.partner(stocked.productId());
        capture = EmfCapture.install();
    }

    @AfterEach
    void tearDown() {
        capture.close();
        partnerEndpoint.stop();
    }

    @Test
    void syncWebhook_shouldPrintOneDocument_withTheDeliveryPerPartnerAndTheStockLeft_andNothingAgainOnReplay() {
        String eventId = UUID.randomUUID().toString();
        byte[] body = Notifications.bytes(Notifications.orderPaid(Fixtures.unique("EMF"), stocked.productId(), 1));

        notify(body, eventId).then().statusCode(200).body("status", equalTo("fulfilled"));

        List<JsonNode> documents = valid(capture.documents());
        assertEquals(1, documents.size(), "one line for the invocation: " + documents);
        JsonNode document = documents.get(0);
        assertEquals("partner-webhook", document.path("function").asText());
        assertFalse(document.path("awsRequestId").asText().isEmpty(), "the invocation's request id");
        assertEquals("Reseller", document.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
        assertEquals(1, EmfSpec.sum(documents, "OrdersDelivered", Map.of("Partner", partner.slug())));
        assertEquals(2, EmfSpec.sum(documents, "StockAvailable", Map.of("ProductId", stocked.productId())),
                "3 codes, 1 delivered");
        assertNoCode(documents);

        capture.reset();
        notify(body, eventId).then().statusCode(200);
        assertEquals(List.of(), capture.documents(), "a replay delivers nothing, so it counts nothing");
    }

    @Test
    void tooFewCodes_shouldCountAnOutOfStockPerPartner_andTheLevelFound() {
        byte[] body = Notifications.bytes(Notifications.orderPaid(Fixtures.unique("EMF"), stocked.productId(), 5));

        notify(body, UUID.randomUUID().toString()).then().statusCode(409).body("reason", equalTo("out_of_stock"));

        List<JsonNode> documents = valid(capture.documents());
        assertEquals(1, EmfSpec.sum(documents, "OrdersOutOfStock", Map.of("Partner", partner.slug())));
        assertEquals(0, EmfSpec.sum(documents, "OrdersDelivered", Map.of("Partner", partner.slug())));
        assertEquals(3, EmfSpec.sum(documents, "StockAvailable", Map.of("ProductId", stocked.productId())));
    }

    @Test
    void emailOrder_throughTheWorker_shouldCountTheMail_theDelivery_andTheAcknowledgedCallback() {
        partnerEndpoint.stubFor(post(CALLBACK_PATH).willReturn(aResponse().withStatus(200)));
        StreamFeeder stream = Streams.feeder(dynamo, config.table().name());
        emailOrder().then().statusCode(202);
        List<JsonNode> accepted = valid(capture.documents());
        assertEquals(0, EmfSpec.sum(accepted, "OrdersDelivered", Map.of("Partner", partner.slug())),
                "accepted is not delivered");
        assertEquals(2, EmfSpec.sum(accepted, "StockAvailable", Map.of("ProductId", stocked.productId())),
                "the code is claimed at acceptance");

        capture.reset();
        assertEquals(1, Streams.feed(stream));

        List<JsonNode> worker = valid(capture.documents());
        assertEquals(1, worker.size(), "one line for the worker's invocation: " + worker);
        assertEquals("delivery-worker", worker.get(0).path("function").asText());
        assertEquals(1, EmfSpec.sum(worker, "EmailsSent", Map.of()));
        assertEquals(1, EmfSpec.sum(worker, "OrdersDelivered", Map.of("Partner", partner.slug())));
        assertEquals(1, EmfSpec.sum(worker, "CallbacksAcknowledged", Map.of()));
        assertEquals(0, EmfSpec.sum(worker, "CallbacksRetried", Map.of()));
        assertNoCode(worker);
    }

    @Test
    void callbackAnswered500_shouldCountARetry_notAnAcknowledgement() {
        partnerEndpoint.stubFor(post(CALLBACK_PATH).willReturn(aResponse().withStatus(500)));
        StreamFeeder stream = Streams.feeder(dynamo, config.table().name());
        emailOrder().then().statusCode(202);
        capture.reset();

        assertEquals(1, Streams.feed(stream));

        List<JsonNode> worker = valid(capture.documents());
        assertEquals(1, EmfSpec.sum(worker, "EmailsSent", Map.of()));
        assertEquals(1, EmfSpec.sum(worker, "CallbacksRetried", Map.of()));
        assertEquals(0, EmfSpec.sum(worker, "CallbacksAcknowledged", Map.of()));
        assertEquals(0, EmfSpec.sum(worker, "CallbacksParked", Map.of()));
    }

    @Test
    void balanceOrder_shouldCountABalancePaidOrder_andTheStockLeft() {
        Buyer buyer = Orders.buyer("10000.00");
        capture.reset();

        Orders.post(buyer, Orders.body(stocked.productId(), 2, null)).then().statusCode(200)
                .body("status", equalTo("completed"));

        List<JsonNode> documents = valid(capture.documents());
        assertEquals(1, documents.size(), "one line for the invocation: " + documents);
        assertEquals("order-create", documents.get(0).path("function").asText());
        assertEquals(1, EmfSpec.sum(documents, "BalanceOrdersPaid", Map.of()));
        assertEquals(1, EmfSpec.sum(documents, "StockAvailable", Map.of("ProductId", stocked.productId())));
        assertNoCode(documents);
    }

    @Test
    void exchangerIpn_confirmed_shouldCountOneCreditedPaymentPerProvider_andItsRepeatNothing() {
        Buyer buyer = Orders.buyer(null);
        String order = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        Exchanger.topUp(buyer, "910", order, "10");
        Map<String, String> create = Exchanger.lastCreate();
        Exchanger.statusIs(order, "done", "910");
        Map<String, String> ipn = Exchanger.ipn(order, "done", "10", "910", "1795458000000", create.get("ipnSecret"));
        capture.reset();

        Exchanger.send(create.get("ipnUrl"), ipn).then().statusCode(200).body("result", equalTo("credited"));

        List<JsonNode> documents = valid(capture.documents());
        assertEquals("exchanger-ipn", documents.get(0).path("function").asText());
        assertEquals(1, EmfSpec.sum(documents, "PaymentsCredited", Map.of("Provider", "exchanger")));
        assertEquals(0, EmfSpec.sum(documents, "PaymentsUnderpaid", Map.of("Provider", "exchanger")));

        capture.reset();
        Exchanger.send(create.get("ipnUrl"), ipn).then().statusCode(200);
        assertEquals(0, EmfSpec.sum(capture.documents(), "PaymentsCredited", Map.of("Provider", "exchanger")),
                "the same IPN twice credits once");
    }

    @Test
    void exchangerIpn_forHalfTheQuote_shouldCountAnUnderpaidPayment_notACreditedOne() {
        Buyer buyer = Orders.buyer(null);
        String order = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        Exchanger.topUp(buyer, "1500", order, "16.483516");
        Map<String, String> create = Exchanger.lastCreate();
        Exchanger.statusIs(order, "done", "750");
        capture.reset();

        Exchanger.send(create.get("ipnUrl"), Exchanger.ipn(order, "done", "8.241758", "750", "1",
                create.get("ipnSecret"))).then().statusCode(200).body("result", equalTo("credited"));

        List<JsonNode> documents = valid(capture.documents());
        assertEquals(1, EmfSpec.sum(documents, "PaymentsUnderpaid", Map.of("Provider", "exchanger")));
        assertEquals(0, EmfSpec.sum(documents, "PaymentsCredited", Map.of("Provider", "exchanger")));
    }

    @Test
    void exchangerNotAnswering_shouldBeCountedUnreachable_thoughTheInvocationAnswers503() {
        Buyer buyer = Orders.buyer(null);
        // no answer within the client's read timeout (2 s in tests); a reset connection would also do, but it can
        // leave a dead pooled connection behind for the next test's call
        StubMapping slow = ProvidersResource.server().stubFor(post(urlEqualTo(Exchanger.CREATE))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        try {
            capture.reset();
            Orders.as(buyer).contentType("application/json")
                    .body("{\"chain\":\"tron\",\"asset\":\"usdt\",\"balanceCurrency\":\"rub\",\"quoteAmount\":\"910\"}")
                    .post("/api/topups/crypto/").then().statusCode(503).body("error", equalTo("provider_unavailable"));
        } finally {
            ProvidersResource.server().removeStub(slow);
        }

        List<JsonNode> documents = valid(capture.documents());
        assertEquals(1, EmfSpec.sum(documents, "ProviderUnreachable", Map.of("Provider", "exchanger")));
        assertEquals("crypto-topup-create", documents.get(0).path("function").asText());
    }

    private Response notify(byte[] body, String eventId) {
        return given().contentType("application/json").body(body)
                .header("X-Signature", PartnerSignature.sign(partner.secret(), body))
                .header("X-Event-Id", eventId)
                .post(Notifications.path(partner.slug()));
    }

    private Response emailOrder() {
        byte[] body = Notifications.bytes(Notifications.orderPaid(Fixtures.unique("EMF"), stocked.productId(), 1)
                .put("deliveryMode", "email").put("customerEmail", "buyer-" + UUID.randomUUID() + "@example.com")
                .put("language", "en").put("callbackUrl", "http://127.0.0.1:" + partnerEndpoint.port() + CALLBACK_PATH));
        return notify(body, UUID.randomUUID().toString());
    }

    /** The documents, each checked against the specification. */
    private static List<JsonNode> valid(List<JsonNode> documents) {
        assertFalse(documents.isEmpty(), "the invocation printed its metrics");
        for (JsonNode document : documents) {
            assertEquals(List.of(), EmfSpec.violations(document), document.toString());
        }
        return documents;
    }

    private void assertNoCode(List<JsonNode> documents) {
        for (JsonNode document : documents) {
            for (String code : stocked.codes()) {
                assertFalse(document.toString().contains(code), "a code in a metric: " + document);
            }
            assertTrue(document.toString().length() < 4096, "a small document: " + document);
        }
    }
}
