package cc.marix.reseller.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import cc.marix.reseller.signing.MerchantGatewaySignature;

/** The merchant gateway sandbox of local runs: its signed API V1, and a pay endpoint that sends callback V3. */
class MerchantSandboxTest {

    private static final String KEY = "sandbox-test-merchant-key";
    private static final String SECRET = "sandbox-test-merchant-secret";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ORDER_ID = "0193a5e2-7c1d-7000-8000-000000000001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A callback as our receiver got it. */
    record Received(String timestamp, String signature, String contentType, byte[] body) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final List<Received> callbacks = new CopyOnWriteArrayList<>();
    private final Queue<Integer> callbackStatuses = new ConcurrentLinkedQueue<>();
    /** The order as the sandbox's signed GET described it while each callback was with us. */
    private final List<String> ordersAtCallback = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private MerchantSandbox sandbox;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        receiver.createContext("/callbacks/merchant", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            callbacks.add(new Received(exchange.getRequestHeaders().getFirst("X-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            ordersAtCallback.add(orderAsked(body));
            Integer status = callbackStatuses.poll();
            Exchanges.sendJson(exchange, status == null ? 200 : status, "{\"result\":\"credited\"}");
        });
        receiver.start();
        URI callback = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/callbacks/merchant");
        sandbox = MerchantSandbox.start(0, KEY, SECRET, callback, Duration.ofMillis(10),
                Clock.fixed(NOW, ZoneOffset.UTC), new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    @Test
    void apiCalls_shouldBe401_withoutTheKeyOrAFreshSignatureOverTimestampAndBody() throws Exception {
        String body = order("1500.00", "RUB").toString();
        String timestamp = Long.toString(NOW.getEpochSecond());
        String signature = MerchantGatewaySignature.sign(SECRET, timestamp, bytes(body));

        assertRefused(post(body).header("X-Timestamp", timestamp).header("X-Signature", signature),
                "missing or wrong X-API-Key");
        assertRefused(signed(post(body), timestamp, signature).setHeader("X-API-Key", "wrong"),
                "missing or wrong X-API-Key");
        assertRefused(post(body).header("X-API-Key", KEY).header("X-Timestamp", timestamp), "X-Signature");
        assertRefused(signed(post(body), timestamp, MerchantGatewaySignature.sign("other", timestamp, bytes(body))),
                "does not match");
        assertRefused(signed(post(body.replace("1500.00", "1.00")), timestamp, signature), "does not match");
        String stale = Long.toString(NOW.minusSeconds(301).getEpochSecond());
        assertRefused(signed(post(body), stale, MerchantGatewaySignature.sign(SECRET, stale, bytes(body))),
                "X-Timestamp");
        String ahead = Long.toString(NOW.plusSeconds(301).getEpochSecond());
        assertRefused(signed(post(body), ahead, MerchantGatewaySignature.sign(SECRET, ahead, bytes(body))),
                "X-Timestamp");
        assertRefused(get(MerchantSandbox.ORDERS + "/unknown").header("X-API-Key", KEY), "X-Signature");
        assertTrue(sandbox.orders().isEmpty());

        String within = Long.toString(NOW.minusSeconds(300).getEpochSecond());
        assertEquals(200, send(signed(post(body), within, MerchantGatewaySignature.sign(SECRET, within, bytes(body))))
                .statusCode());
        String log = logged.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains(KEY), "the key is never logged");
        assertFalse(log.contains(signature), "signatures are never logged");
    }

    @Test
    void createOrder_shouldBe400_forWhatTheGatewayRefuses() throws Exception {
        List<String> refused = List.of(order("0", "RUB").toString(), order("-5", "RUB").toString(),
                order("1.001", "RUB").toString(), order("abc", "RUB").toString(), order("100", "rub").toString(),
                order("100", "RUBL").toString(), order("100", "RUB").put("merchant_order_id", "").toString(),
                order("100", "RUB").put("return_url", 5).toString(), "not json", "[]");
        for (String body : refused) {
            assertEquals(400, send(api(post(body), body)).statusCode(), body);
        }
        assertTrue(sandbox.orders().isEmpty());
        String asNumber = order("100", "RUB").put("amount", 1500.5).toString();
        assertEquals(200, send(api(post(asNumber), asNumber)).statusCode());
    }

    @Test
    void createdOrder_shouldBeNew_withAPaymentUrl_andDescribedBySignedGet() throws Exception {
        HttpResponse<String> created = create(order("1500.00", "RUB"));

        JsonNode answer = json(created);
        String uuid = answer.path("uuid").asText();
        assertEquals("new", answer.path("status").asText());
        assertEquals("http://127.0.0.1:" + sandbox.port() + "/sandbox/merchant/pay/" + uuid,
                answer.path("payment_url").asText());
        JsonNode order = status(uuid);
        assertEquals(List.of("uuid", "status", "amount_local", "currency", "merchant_order_id"), fieldNames(order));
        assertEquals("new", order.path("status").asText());
        assertEquals("1500.00", order.path("amount_local").asText());
        assertEquals("RUB", order.path("currency").asText());
        assertEquals(ORDER_ID, order.path("merchant_order_id").asText());
        assertEquals(404, send(api(get(MerchantSandbox.ORDERS + "/unknown"), "")).statusCode());
    }

    @Test
    void paying_shouldSendCallbackV3_signedOverTimestampAndBody_andMakeTheOrderSuccess() throws Exception {
        String uuid = json(create(order("1500.00", "RUB"))).path("uuid").asText();

        HttpResponse<String> paid = pay(uuid, "");

        assertEquals(200, paid.statusCode(), paid.body());
        assertEquals(1, callbacks.size());
        Received callback = callbacks.get(0);
        assertEquals(Long.toString(NOW.getEpochSecond()), callback.timestamp());
        assertEquals("application/json", callback.contentType());
        assertDoesNotThrow(() -> MerchantGatewaySignature.verify(SECRET, callback.timestamp(), callback.body(),
                callback.signature(), NOW));
        JsonNode body = exact(callback.body());
        assertEquals(List.of("uuid", "status", "amount_usdt", "amount_local", "currency", "merchant_commission",
                "merchant_order_id"), fieldNames(body));
        assertEquals(uuid, body.path("uuid").asText());
        assertEquals("success", body.path("status").asText());
        String text = new String(callback.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"amount_usdt\":16.484,\"amount_local\":1500.00,"), text);
        assertTrue(text.contains("\"merchant_commission\":-1.648,"), text);
        assertEquals("RUB", body.path("currency").asText());
        assertEquals(ORDER_ID, body.path("merchant_order_id").asText());
        JsonNode answer = json(paid);
        assertEquals(200, answer.path("delivery").path("status").asInt());
        assertEquals(1, answer.path("delivery").path("attempts").asInt());
        assertEquals("credited", answer.path("delivery").path("answer").path("result").asText());
        assertEquals("success", status(uuid).path("status").asText());
        assertEquals(409, pay(uuid, "").statusCode(), "an order is paid once");
        assertEquals(1, callbacks.size());
    }

    @Test
    void amountInTheQuery_shouldBeTheCallbacksAndTheOrdersAmountLocal_forAnUnderpayment() throws Exception {
        String uuid = json(create(order("1500.00", "RUB"))).path("uuid").asText();

        assertEquals(200, pay(uuid, "?amount=1000").statusCode());

        String text = new String(callbacks.get(0).body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"amount_local\":1000,"), text);
        assertEquals("1000", status(uuid).path("amount_local").asText());
        String other = json(create(order("100", "RUB"))).path("uuid").asText();
        assertEquals(400, pay(other, "?amount=abc").statusCode());
        assertEquals(400, pay(other, "?status=paid").statusCode());
        assertEquals("new", status(other).path("status").asText());
    }

    @Test
    void theCallback_shouldBeSentOnceTheOrderIsClosed_soTheOrdersGetConfirmsIt() throws Exception {
        String uuid = json(create(order("1500.00", "RUB"))).path("uuid").asText();
        String never = json(create(order("1500.00", "RUB"))).path("uuid").asText();

        pay(uuid, "?amount=1200.50");

        // our function asks for the order before a final callback moves money: it must already say so
        assertEquals(List.of("success 1200.50"), ordersAtCallback);
        assertEquals("new", status(never).path("status").asText());
    }

    @Test
    void statusTimeout_shouldCloseTheOrder_andSendATimeoutCallback() throws Exception {
        String uuid = json(create(order("100", "RUB"))).path("uuid").asText();

        assertEquals(200, pay(uuid, "?status=timeout").statusCode());

        assertEquals("timeout", exact(callbacks.get(0).body()).path("status").asText());
        assertEquals("timeout", status(uuid).path("status").asText());
    }

    @Test
    void refusedCallback_shouldBeSentAgain_signedAnew_andTheLastAnswerReported() throws Exception {
        String uuid = json(create(order("1500.00", "RUB"))).path("uuid").asText();
        callbackStatuses.add(500);
        callbackStatuses.add(503);
        callbackStatuses.add(500);

        JsonNode answer = json(pay(uuid, ""));

        assertEquals(MerchantSandbox.CALLBACK_ATTEMPTS, callbacks.size());
        assertEquals(MerchantSandbox.CALLBACK_ATTEMPTS, answer.path("delivery").path("attempts").asInt());
        assertEquals(500, answer.path("delivery").path("status").asInt());
        for (Received callback : callbacks) {
            assertDoesNotThrow(() -> MerchantGatewaySignature.verify(SECRET, callback.timestamp(), callback.body(),
                    callback.signature(), NOW));
        }
    }

    @Test
    void callbackThatCannotBeReached_shouldBeReported_notWaitedForForever() throws Exception {
        String uuid = json(create(order("1500.00", "RUB"))).path("uuid").asText();
        receiver.stop(0);

        JsonNode answer = json(pay(uuid, ""));

        assertEquals(0, answer.path("delivery").path("status").asInt());
        assertTrue(answer.path("delivery").path("answer").asText().startsWith("no answer"), answer.toString());
        assertEquals("success", status(uuid).path("status").asText());
    }

    @Test
    void payPage_shouldShowTheOrderWithAPayButton_andAnswerHtmlToABrowser() throws Exception {
        String uuid = json(create(order("1500.00", "RUB"))).path("uuid").asText();

        HttpResponse<String> page = send(get(MerchantSandbox.PAY_PATH + uuid));

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("1500.00 RUB"), page.body());
        assertTrue(page.body().contains("<form method=\"post\">"), page.body());
        HttpResponse<String> paid = send(HttpRequest.newBuilder(url(MerchantSandbox.PAY_PATH + uuid))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertTrue(paid.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(paid.body().contains("Our callback answered: 200"), paid.body());
        assertEquals(404, send(get(MerchantSandbox.PAY_PATH + "unknown")).statusCode());
    }

    private ObjectNode order(String amount, String currency) {
        return mapper.createObjectNode().put("merchant_order_id", ORDER_ID).put("amount", amount)
                .put("currency", currency).put("return_url", "https://shop.example/return");
    }

    private HttpResponse<String> create(ObjectNode order) throws Exception {
        String body = order.toString();
        HttpResponse<String> created = send(api(post(body), body));
        assertEquals(200, created.statusCode(), created.body());
        return created;
    }

    private String orderAsked(byte[] callback) {
        try {
            JsonNode order = status(mapper.readTree(callback).path("uuid").asText());
            return order.path("status").asText() + " " + order.path("amount_local").asText();
        } catch (Exception | AssertionError e) {
            return "not told: " + e;
        }
    }

    private JsonNode status(String uuid) throws Exception {
        HttpResponse<String> answer = send(api(get(MerchantSandbox.ORDERS + "/" + uuid), ""));
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer);
    }

    private HttpResponse<String> pay(String uuid, String query) throws Exception {
        return send(HttpRequest.newBuilder(url(MerchantSandbox.PAY_PATH + uuid + query))
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
    }

    private void assertRefused(HttpRequest.Builder request, String why) throws Exception {
        HttpResponse<String> answer = send(request);
        assertEquals(401, answer.statusCode(), answer.body());
        assertTrue(json(answer).path("message").asText().contains(why), answer.body());
    }

    /** Signed as the gateway's docs say: the timestamp + the body (the timestamp alone for none). */
    private static HttpRequest.Builder api(HttpRequest.Builder request, String body) {
        String timestamp = Long.toString(NOW.getEpochSecond());
        return signed(request, timestamp, MerchantGatewaySignature.sign(SECRET, timestamp,
                body.isEmpty() ? null : bytes(body)));
    }

    private static HttpRequest.Builder signed(HttpRequest.Builder request, String timestamp, String signature) {
        return request.header("X-API-Key", KEY).header("X-Timestamp", timestamp).header("X-Signature", signature);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + sandbox.port() + path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(url(path)).GET();
    }

    private HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(url(MerchantSandbox.ORDERS)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        return mapper.readTree(response.body());
    }

    private JsonNode exact(byte[] body) throws IOException {
        return mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(body);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
