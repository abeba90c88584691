package cc.marix.reseller.logs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.StructuredFormatter;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;

import cc.marix.reseller.apiorder.OrderPlacement;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.delivery.DeliveryWorker;
import cc.marix.reseller.local.StreamFeeder;
import cc.marix.reseller.order.PartnerFulfilment;
import cc.marix.reseller.payment.PaymentProgress;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.GreenMailResource;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.LeakScan;
import cc.marix.reseller.testing.LogCapture;
import cc.marix.reseller.testing.Merchant;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.Streams;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * At DEBUG (the most template.yaml's LogLevel and run-local's LOG_LEVEL allow), the paths that handle codes, keys
 * and addresses write none of them to any log line: a sync partner webhook, an e-mail delivery through the worker,
 * a crypto top-up credited by its IPN, and an order paid from the balance, each through the real event path.
 */
@QuarkusTest
@TestProfile(DebugLogsTest.AtDebug.class)
class DebugLogsTest {

    /** Root and our categories at DEBUG, as {@code LogLevel: DEBUG} sets them; the console stays quiet. */
    public static class AtDebug implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.level", "DEBUG", "quarkus.log.category.\"cc.marix\".level", "DEBUG",
                    "quarkus.log.console.level", "INFO");
        }
    }

    /**
     * Loggers of the test's own machinery, not of the functions: the servers standing in for providers, SMTP and
     * DynamoDB (which receive the secrets by design) and the HTTP client the test sends its requests with.
     */
    private static final List<String> TEST_ONLY = List.of("com.github.tomakehurst", "wiremock.", "org.eclipse.jetty",
            "com.icegreen", "com.amazonaws.services.dynamodbv2", "com.almworks", "io.restassured");

    private static final String CALLBACK = "/logs/partner-callback";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Test
    void atDebug_noLogLine_shouldHoldACodeAKeyASecretOrACustomersAddress() throws Exception {
        Paths paths;
        List<LeakScan.Line> lines;
        try (LogCapture capture = LogCapture.install()) {
            paths = runEveryPath();
            lines = capture.lines();
        }

        List<LeakScan.Line> functions = lines.stream().filter(line -> TEST_ONLY.stream()
                .noneMatch(prefix -> line.logger().startsWith(prefix))).toList();
        assertTrue(functions.stream().anyMatch(line -> line.logger().equals(OrderPlacement.class.getName())),
                "our DEBUG lines were captured");
        assertTrue(functions.stream().anyMatch(line -> line.logger().equals(PartnerFulfilment.class.getName())),
                "our DEBUG lines were captured");
        assertEquals(List.of(), LeakScan.leaks(functions, paths.secrets()));
    }

    /**
     * The same paths, their records rendered by quarkus-logging-json's formatter as in AWS (LOG_JSON=true): one JSON
     * object a line, each line of an invocation with its function and AWS request id and the ids known by then, none
     * with an id of an earlier invocation, and no secret in any of them.
     */
    @Test
    void inJson_everyLine_shouldBeOneObject_withItsInvocationsIds_andNoSecret() throws Exception {
        Paths paths;
        List<ExtLogRecord> records;
        try (LogCapture capture = LogCapture.install()) {
            paths = runEveryPath();
            records = capture.records();
        }
        JsonFormatter formatter = new JsonFormatter();
        formatter.setExceptionOutputType(StructuredFormatter.ExceptionOutputType.DETAILED);

        List<LeakScan.Line> rendered = new ArrayList<>();
        Map<String, JsonNode> ours = new LinkedHashMap<>();
        for (ExtLogRecord record : records) {
            if (TEST_ONLY.stream().anyMatch(prefix -> String.valueOf(record.getLoggerName()).startsWith(prefix))) {
                continue;
            }
            String line = formatter.format(record);
            assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line: " + line);
            JsonNode json = Json.parse(line);
            for (String field : List.of("timestamp", "level", "loggerName", "message")) {
                assertTrue(json.hasNonNull(field), field + " in " + line);
            }
            rendered.add(new LeakScan.Line(record.getLoggerName(), line));
            if (record.getLoggerName().startsWith("cc.marix.reseller")) {
                ours.putIfAbsent(record.getLoggerName() + " " + json.path("mdc").path("function").asText(), json);
            }
        }

        JsonNode delivered = mdc(ours, PartnerFulfilment.class, "partner-webhook");
        assertEquals(paths.partner().slug(), delivered.path("partner").asText());
        assertFalse(delivered.path("orderId").asText().isEmpty(), "the order id, once known");
        JsonNode mailed = mdc(ours, DeliveryWorker.class, "delivery-worker");
        assertEquals(paths.partner().slug(), mailed.path("partner").asText());
        assertFalse(mailed.path("orderId").asText().isEmpty());
        JsonNode credited = mdc(ours, PaymentProgress.class, "exchanger-ipn");
        assertFalse(credited.path("paymentId").asText().isEmpty(), "the payment id");
        assertEquals(paths.buyer().userId(), credited.path("userId").asText());
        JsonNode ordered = mdc(ours, OrderPlacement.class, "order-create");
        assertEquals(paths.buyer().userId(), ordered.path("userId").asText());
        assertFalse(ordered.path("orderId").asText().isEmpty());
        assertFalse(ordered.has("partner"), "nothing of an earlier invocation: " + ordered);
        assertFalse(ordered.has("paymentId"), "nothing of an earlier invocation: " + ordered);
        assertFalse(ordered.path("awsRequestId").asText().equals(credited.path("awsRequestId").asText()));
        assertEquals(List.of(), LeakScan.leaks(rendered, paths.secrets()));
    }

    /** The MDC of the first line this class logged in this function, which carries the invocation's ids. */
    private static JsonNode mdc(Map<String, JsonNode> lines, Class<?> logger, String function) {
        JsonNode line = lines.get(logger.getName() + " " + function);
        assertTrue(line != null, logger.getSimpleName() + " logged in " + function + ": " + lines.keySet());
        JsonNode mdc = line.path("mdc");
        assertFalse(mdc.path("awsRequestId").asText().isEmpty(), "the AWS request id: " + line);
        return mdc;
    }

    /** What the paths handled that no log line may show, and who they were run as. */
    private record Paths(Map<String, String> secrets, TestPartner partner, Buyer buyer) {
    }

    /** A sync and an e-mail partner order, a crypto top-up and a balance order, each through the event path. */
    private Paths runEveryPath() throws Exception {
        TestStack.useHttpFront();
        GreenMailResource.startSmtp();
        ProvidersResource.server().resetAll();
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("tribute api key", Tribute.API_KEY);
        secrets.put("exchanger api key", Exchanger.API_KEY);
        secrets.put("merchant api key", Merchant.API_KEY);
        secrets.put("merchant secret", Merchant.SECRET);
        Stocked stocked = Fixtures.product(3);
        TestPartner partner = Fixtures.partner(stocked.productId());
        secrets.put("partner secret", partner.secret());
        for (int i = 0; i < stocked.codes().size(); i++) {
            secrets.put("code " + i, stocked.codes().get(i));
        }

        syncWebhook(partner, stocked);
        String customer = emailDelivery(partner, stocked);
        secrets.put("customer e-mail", customer);
        Buyer buyer = Orders.buyer("10000.00");
        secrets.put("buyer's api key", buyer.apiKey());
        secrets.put("ipn secret", cryptoTopUp(buyer));
        balanceOrder(buyer, stocked);
        return new Paths(secrets, partner, buyer);
    }

    private static void syncWebhook(TestPartner partner, Stocked stocked) {
        byte[] body = Notifications.bytes(Notifications.orderPaid(Fixtures.unique("LOGS"), stocked.productId(), 1));
        Response response = given().contentType("application/json").body(body)
                .header("X-Signature", PartnerSignature.sign(partner.secret(), body))
                .header("X-Event-Id", UUID.randomUUID().toString())
                .post(Notifications.path(partner.slug()));
        response.then().statusCode(200).body("status", equalTo("fulfilled"));
        assertTrue(stocked.codes().contains(response.path("payload.value").toString()));
    }

    /** An e-mail order, delivered by the worker fed from the table's stream; answers the customer's address. */
    private String emailDelivery(TestPartner partner, Stocked stocked) throws Exception {
        String customer = "buyer-" + UUID.randomUUID() + "@example.com";
        StreamFeeder stream = Streams.feeder(dynamo, config.table().name());
        byte[] body = Notifications.bytes(Notifications.orderPaid(Fixtures.unique("LOGS"), stocked.productId(), 1)
                .put("deliveryMode", "email").put("customerEmail", customer).put("language", "en")
                .put("callbackUrl", "http://127.0.0.1:" + ProvidersResource.server().port() + CALLBACK));
        ProvidersResource.server().stubFor(post(CALLBACK).willReturn(aResponse().withStatus(200)));
        given().contentType("application/json").body(body)
                .header("X-Signature", PartnerSignature.sign(partner.secret(), body))
                .header("X-Event-Id", UUID.randomUUID().toString())
                .post(Notifications.path(partner.slug())).then().statusCode(202);
        assertTrue(Streams.feed(stream) > 0);
        var mails = GreenMailResource.smtp().getReceivedMessagesForDomain(customer);
        assertEquals(1, mails.length);
        String mail = GreenMailUtil.getBody(mails[0]);
        assertTrue(stocked.codes().stream().anyMatch(mail::contains), "the e-mail holds a code");
        ProvidersResource.server().verify(postRequestedFor(urlEqualTo(CALLBACK)));
        return customer;
    }

    /** A crypto top-up credited by the exchanger's IPN (which the exchanger's order info confirms); its secret. */
    private static String cryptoTopUp(Buyer buyer) {
        String order = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String topUpId = Exchanger.topUp(buyer, "910", order, "10").path("id").asText();
        Map<String, String> create = Exchanger.lastCreate();
        Exchanger.statusIs(order, "done", "910");
        Exchanger.send(create.get("ipnUrl"), Exchanger.ipn(order, "done", "10", "910", "1795458000000",
                create.get("ipnSecret"))).then().statusCode(200).body("result", equalTo("credited"));
        JsonNode topUp = Json.parse(Orders.as(buyer).get("/api/topups/crypto/" + topUpId).then().statusCode(200)
                .extract().asString());
        assertEquals("completed", topUp.path("status").asText());
        return create.get("ipnSecret");
    }

    private static void balanceOrder(Buyer buyer, Stocked stocked) {
        Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then().statusCode(200)
                .body("status", equalTo("completed"));
        assertEquals(0, Fixtures.stock(stocked.productId()).path("available").asLong(), "every code delivered");
    }
}
