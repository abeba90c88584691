package cc.marix.reseller.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import cc.marix.reseller.lambda.Functions;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.support.CrashPoints;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The packaged function (target/function.zip) as a real process under the local Lambda runtime, as run-local runs it,
 * with {@code CRASH_AT} set: the process halts at the point (exit 137), the invocation it was running fails as
 * Lambda's does ({@code Runtime.ExitError}; 502 at the Function URL), a new process without {@code CRASH_AT} takes
 * over, and what comes next (the client's retry, the provider's retry, the event source's retry, the lease's expiry,
 * the next scheduled run) finishes the work: nothing lost, nothing doubled (crash.CrashRecoveryTest's invariants,
 * there with an in-process crash). Needs the package phase: runs in verify (pom.xml, execution process-crashes).
 *
 * <p>One DynamoDB Local, mail server, partner endpoint, Tribute sandbox and runtime for the class; each test starts
 * its own function process (a few seconds) armed at its point, and its replacement.
 */
@Tag("process")
class ProcessCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    /** Short, so a test can wait for a dead worker's lease to expire; longer than a process takes to start. */
    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final String CALLBACK_PATH = "/orders/callback";
    private static final String PRODUCT_SLUG = "demo-game-key";
    private static final String PRICE = "4990.00";

    private static final LocalLayout LAYOUT = LocalLayout.ofWorkingDirectory();
    private static LoopbackDynamoDb dynamo;
    private static GreenMail smtp;
    private static WireMockServer partnerEndpoint;
    private static SecretsExtensionStandIn secrets;
    private static LocalLambdaRuntime runtime;
    private static FunctionUrlFront front;
    private static TributeSandbox tribute;
    private static Map<String, String> environment;

    private FunctionSupervisor function;

    @BeforeAll
    static void startStack() {
        dynamo = LoopbackDynamoDb.start();
        smtp = new GreenMail(new ServerSetup(freePort(), LocalLambdaRuntime.LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser(SecretsExtensionStandIn.DEMO_SMTP_USERNAME, SecretsExtensionStandIn.DEMO_SMTP_USERNAME,
                SecretsExtensionStandIn.DEMO_SMTP_PASSWORD);
        partnerEndpoint = new WireMockServer(options().bindAddress(LocalLambdaRuntime.LOOPBACK).dynamicPort());
        partnerEndpoint.start();
        secrets = SecretsExtensionStandIn.start(0, "process-" + UUID.randomUUID());
        // a process's start under load can take a while; queued invocations wait for it
        runtime = LocalLambdaRuntime.start(Functions.ALL, Duration.ofMinutes(2));
        front = runtime.startHttpFront(0);
        tribute = TributeSandbox.start(0, TributeSandbox.DEMO_API_KEY, front.url().resolve("/callbacks/tribute"),
                System.err);
        environment = new LinkedHashMap<>(FunctionProcess.dynamoDbEnvironment(dynamo.endpoint().toString(), true));
        environment.putAll(FunctionProcess.localDeliveryEnvironment(smtp.getSmtp().getPort()));
        // the exchanger and the gateway are not called here
        environment.putAll(FunctionProcess.localPaymentEnvironment(tribute.url().toString(), "http://127.0.0.1:9",
                front.url().toString(), "http://127.0.0.1:9"));
        environment.putAll(secrets.functionEnvironment());
        environment.put("APP_DELIVERY_LEASE", LEASE.toSeconds() + "s");
        environment.put("APP_PAYMENTS_POLL_INTERVAL", "1s");
    }

    @AfterAll
    static void stopStack() {
        for (AutoCloseable resource : new AutoCloseable[] {tribute, runtime, secrets, dynamo}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
        partnerEndpoint.stop();
        smtp.stop();
    }

    @AfterEach
    void stopFunction() {
        if (function != null) {
            function.close();
        }
        partnerEndpoint.resetAll();
    }

    @Test
    void haltBetweenOrderSteps_shouldFail502_andTheRetryOnTheNewProcessCompletesIt_chargedOnce() throws Exception {
        startFunction(CrashPoints.BETWEEN_ORDER_STEPS);
        String key = apiUser("10000.00");
        String body = JSON.createObjectNode().put("idempotencyKey", "crash-" + UUID.randomUUID())
                .set("items", JSON.createArrayNode().add(JSON.createObjectNode().put("itemId", PRODUCT_SLUG)
                        .put("quantity", 1))).toString();

        HttpResponse<String> died = api("POST", "/api/orders/", key, body);

        assertDied(died);
        assertTrue(function.awaitRestarts(1, START_LIMIT), "a new process took over");
        assertEquals(PRICE, balance(key, "reserved"), "the first step was written: the price is reserved");
        HttpResponse<String> retried = api("POST", "/api/orders/", key, body);
        HttpResponse<String> again = api("POST", "/api/orders/", key, body);
        assertEquals(200, retried.statusCode(), retried.body());
        JsonNode order = JSON.readTree(retried.body());
        assertEquals("completed", order.path("status").asText(), retried.body());
        assertEquals(1, order.path("items").get(0).path("externalData").size(), retried.body());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(order.path("id"), JSON.readTree(again.body()).path("id"));
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals("0.00", balance(key, "reserved"));
        assertEquals(new BigDecimal("10000.00").subtract(new BigDecimal(PRICE)).toPlainString(),
                balance(key, "available"), "charged once");
        assertEquals(1, function.restarts(), "the replacement did not crash at the same point");
    }

    @Test
    void haltAfterTheMailWasAccepted_shouldFailTheStreamBatch_andTheLeaseExpiryFinishesIt_oneCallback()
            throws Exception {
        partnerEndpoint.stubFor(post(CALLBACK_PATH).willReturn(aResponse().withStatus(200)));
        startFunction(CrashPoints.AFTER_MAIL_ACCEPTED);
        try (TableStream stream = TableStream.open()) {
            String customer = "buyer-" + UUID.randomUUID() + "@example.com";
            String orderId = emailOrder(customer);
            String batch = stream.nextBatch();
            long leaseEnds = System.nanoTime() + LEASE.toNanos();

            LambdaInvocationException died = assertThrows(LambdaInvocationException.class,
                    () -> runtime.invoke(batch));

            assertEquals(LocalLambdaRuntime.EXIT_ERROR, died.errorType(), died.getMessage());
            assertTrue(died.errorMessage().endsWith("exit status 137"), died.errorMessage());
            assertEquals(1, mailsTo(customer).size(), "the mail server accepted it before the process died");
            // the event source sends the batch again: the new process finds the dead worker's lease
            JsonNode retried = JSON.readTree(runtime.invoke(batch));
            assertEquals(0, retried.path("batchItemFailures").size(), retried.toString());
            if (System.nanoTime() < leaseEnds) {
                // (a new process slower to start than the lease delivers at once, as delivery-retry does below)
                assertEquals(1, mailsTo(customer).size());
                assertEquals(0, callbacks());
                assertEquals("pending", orderStatus(orderId).path("delivery").path("email").asText());
            }

            Thread.sleep(Math.max(0, (leaseEnds - System.nanoTime()) / 1_000_000) + 1000);
            runtime.invoke(DeliveryTriggers.RETRY_EVENT);
            runtime.invoke(DeliveryTriggers.RETRY_EVENT);
            runtime.invoke(batch);

            List<MimeMessage> mails = mailsTo(customer);
            assertTrue(mails.size() <= 2, "one copy per process that reached the mail server: " + mails.size());
            assertEquals(1, messageIds(mails).size(), "every copy is the same message");
            assertEquals(1, callbacks(), "the callback follows the recorded e-mail, once");
            JsonNode done = orderStatus(orderId);
            assertEquals("done", done.path("delivery").path("email").asText(), done.toString());
            assertEquals("done", done.path("delivery").path("callback").asText(), done.toString());
        }
        assertEquals(1, function.restarts());
    }

    @Test
    void haltAfterThePaymentWasConfirmed_shouldCreditOnce_byTheProvidersRetryOrReconcile() throws Exception {
        startFunction(CrashPoints.AFTER_PAYMENT_CONFIRMED);
        String key = apiUser(null);
        HttpResponse<String> created = api("POST", "/api/topups/fiat/", key,
                "{\"paymentProvider\":\"tribute\",\"balanceCurrency\":\"rub\",\"quoteAmount\":\"1500\"}");
        assertEquals(200, created.statusCode(), created.body());
        JsonNode topUp = JSON.readTree(created.body());

        // the sandbox sends its webhooks, each up to 3 times; the first dies with the process
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(tribute.url().resolve(TributeSandbox.PAY_PATH
                + topUp.path("paymentId").asText())).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, paid.statusCode(), paid.body());
        assertTrue(function.awaitRestarts(1, START_LIMIT), "the process died at the point; a new one took over");
        runtime.invoke(DeliveryTriggers.RECONCILE_EVENT);
        Thread.sleep(1500);
        runtime.invoke(DeliveryTriggers.RECONCILE_EVENT);

        assertEquals("1500.00", balance(key, "available"), "credited once");
        HttpResponse<String> after = api("GET", "/api/topups/fiat/" + topUp.path("id").asText(), key, null);
        assertEquals("completed", JSON.readTree(after.body()).path("status").asText(), after.body());
        assertEquals(1, function.restarts());
    }

    @Test
    void unknownCrashPoint_shouldFailTheStart_notBeReplaced() {
        Map<String, String> armed = new LinkedHashMap<>(environment);
        armed.put(FunctionSupervisor.CRASH_AT, "after-everything");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> FunctionSupervisor.start(
                LAYOUT, Functions.ALL, runtime, armed, START_LIMIT, System.err));

        assertTrue(refused.getMessage().contains("while starting"), refused.getMessage());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A function process armed at {@code point}, with the demo catalog, codes and partner in the table. */
    private void startFunction(String point) throws Exception {
        Map<String, String> armed = new LinkedHashMap<>(environment);
        armed.put(FunctionSupervisor.CRASH_AT, point);
        function = FunctionSupervisor.start(LAYOUT, Functions.ALL, runtime, armed, START_LIMIT, System.err);
        for (ObjectNode event : new DemoData(JSON).seedEvents()) {
            JsonNode answer = JSON.readTree(runtime.invoke(event.toString()));
            assertTrue(!answer.has("error") || DemoData.isAlreadyThere(answer.path("error").asText()),
                    answer.toString());
        }
    }

    private static void assertDied(HttpResponse<String> response) throws IOException {
        assertEquals(502, response.statusCode(), response.body());
        assertEquals(LocalLambdaRuntime.EXIT_ERROR, JSON.readTree(response.body()).path("errorType").asText(),
                response.body());
    }

    /** A new user of the public API, credited {@code rub} when not null; returns its key. */
    private static String apiUser(String rub) throws IOException {
        String userId = UUID.randomUUID().toString();
        JsonNode user = JSON.readTree(runtime.invoke(JSON.createObjectNode().put("action", "createApiUser")
                .put("id", userId).put("email", "crash-" + userId + "@example.com").put("firstName", "Crash")
                .put("lastName", "Test").toString()));
        assertTrue(user.path("apiKey").isTextual(), user.toString());
        if (rub != null) {
            JsonNode credited = JSON.readTree(runtime.invoke(JSON.createObjectNode().put("action", "adjustBalance")
                    .put("userId", userId).put("currency", "rub").put("amount", rub).put("reason", "crash test")
                    .toString()));
            assertTrue(!credited.has("error"), credited.toString());
        }
        return user.path("apiKey").asText();
    }

    private static HttpResponse<String> api(String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(front.url().resolve(path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofMinutes(3));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String balance(String key, String bucket) throws IOException, InterruptedException {
        HttpResponse<String> balances = api("GET", "/api/access/me/balances/", key, null);
        assertEquals(200, balances.statusCode(), balances.body());
        for (JsonNode balance : JSON.readTree(balances.body())) {
            if ("rub".equals(balance.path("currency").asText())) {
                return balance.path(bucket).asText();
            }
        }
        throw new AssertionError("no rub balance in " + balances.body());
    }

    /** The demo partner's signed e-mail order, accepted (202); returns its order id. */
    private static String emailOrder(String customer) throws IOException, InterruptedException {
        byte[] body = new DemoData(JSON).orderPaidByEmail("CRASH-" + UUID.randomUUID(), customer,
                "http://127.0.0.1:" + partnerEndpoint.port() + CALLBACK_PATH, "en").toString().getBytes();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(front.url().resolve(
                "/api/orders/webhooks/" + DemoData.PARTNER + "/notification"))
                .header("Content-Type", "application/json")
                .header("X-Event-Id", UUID.randomUUID().toString())
                .header("X-Signature", PartnerSignature.sign(DemoData.PARTNER_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        return JSON.readTree(accepted.body()).path("orderId").asText();
    }

    private static JsonNode orderStatus(String orderId) throws IOException {
        return JSON.readTree(runtime.invoke(JSON.createObjectNode().put("action", "orderStatus")
                .put("orderId", orderId).toString()));
    }

    private static int callbacks() {
        return partnerEndpoint.findAll(postRequestedFor(urlEqualTo(CALLBACK_PATH))).size();
    }

    private static List<MimeMessage> mailsTo(String customer) {
        return List.of(smtp.getReceivedMessagesForDomain(customer));
    }

    private static Set<String> messageIds(List<MimeMessage> mails) throws MessagingException {
        Set<String> ids = new HashSet<>();
        for (MimeMessage mail : mails) {
            ids.add(mail.getMessageID());
        }
        return ids;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LocalLambdaRuntime.LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table's stream, read as the event source mapping reads it, from when it was opened. */
    private record TableStream(StreamFeeder feeder, DynamoDbClient tables, DynamoDbStreamsClient streams)
            implements AutoCloseable {

        static TableStream open() {
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalAccount.ACCESS_KEY_ID, LocalAccount.SECRET_ACCESS_KEY));
            URI endpoint = dynamo.endpoint();
            DynamoDbClient tables = DynamoDbClient.builder().endpointOverride(endpoint)
                    .region(Region.of(LocalAccount.REGION)).credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.create()).build();
            DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint)
                    .region(Region.of(LocalAccount.REGION)).credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.create()).build();
            return new TableStream(new StreamFeeder(tables, streams, LocalAccount.TABLE_NAME).fromNow(), tables,
                    streams);
        }

        /** The first batch written since the stream was opened. */
        String nextBatch() throws InterruptedException {
            for (int attempt = 0; attempt < 50; attempt++) {
                List<String> batches = feeder.poll();
                if (!batches.isEmpty()) {
                    assertEquals(1, batches.size(), batches.toString());
                    return batches.get(0);
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no stream record for the e-mail order");
        }

        @Override
        public void close() {
            streams.close();
            tables.close();
        }
    }
}
