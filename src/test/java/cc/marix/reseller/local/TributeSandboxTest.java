package cc.marix.reseller.local;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import cc.marix.reseller.signing.HmacSha256;

/** The Tribute sandbox of local runs: Tribute's shop API, and a pay endpoint that sends the real signed webhooks. */
class TributeSandboxTest {

    private static final String KEY = "sandbox-test-api-key";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A webhook as our receiver got it. */
    record Received(String signature, String contentType, byte[] body) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final List<Received> webhooks = new CopyOnWriteArrayList<>();
    private final Queue<Integer> webhookStatuses = new ConcurrentLinkedQueue<>();
    /** The order's status as the sandbox's status call told it while each webhook was with us. */
    private final List<String> statusesAtWebhook = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private TributeSandbox sandbox;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        receiver.createContext("/callbacks/tribute", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            webhooks.add(new Received(exchange.getRequestHeaders().getFirst("trbt-signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            statusesAtWebhook.add(statusAsked(body));
            Integer status = webhookStatuses.poll();
            Exchanges.sendJson(exchange, status == null ? 200 : status, "{\"result\":\"credited\"}");
        });
        receiver.start();
        URI webhook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/callbacks/tribute");
        sandbox = TributeSandbox.start(0, KEY, webhook, Duration.ofMillis(10), Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    @Test
    void apiCalls_shouldBe401_withoutTheRightApiKey() throws Exception {
        assertEquals(401, send(get("/api/v1/shop")).statusCode());
        assertEquals(401, send(get("/api/v1/shop").header("Api-Key", "wrong")).statusCode());
        assertEquals(401, send(post("/api/v1/shop/orders", order(100000, "rub")).header("Api-Key", "wrong"))
                .statusCode());
        assertTrue(sandbox.orders().isEmpty());

        HttpResponse<String> shop = send(get("/api/v1/shop").header("Api-Key", KEY));

        assertEquals(200, shop.statusCode());
        assertEquals(123, json(shop).path("userId").asInt());
        assertTrue(json(shop).path("callbackUrl").asText().endsWith("/callbacks/tribute"), shop.body());
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains(KEY), "the key is never logged");
    }

    @Test
    void createOrder_shouldBe400_forWhatTributeRefuses() throws Exception {
        List<ObjectNode> refused = List.of(order(0, "rub"), order(-5, "rub"), order(100, "RUB"), order(100, "gbp"),
                order(100, "rub").put("amount", 1.5), order(100, "rub").put("amount", "100"),
                order(100, "rub").put("title", ""), order(100, "rub").put("title", "x".repeat(101)),
                // 51 emoji are 102 UTF-16 units
                order(100, "rub").put("title", "\uD83C\uDFAE".repeat(51)),
                order(100, "rub").put("description", "d".repeat(301)), order(100, "rub").put("email", "nope"));
        for (ObjectNode body : refused) {
            assertEquals(400, send(api(post("/api/v1/shop/orders", body))).statusCode(), body.toString());
        }
        assertEquals(400, send(api(HttpRequest.newBuilder(url("/api/v1/shop/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("not json")))).statusCode());
        assertTrue(sandbox.orders().isEmpty());

        ObjectNode longest = order(100, "usd").put("title", "\uD83C\uDFAE".repeat(50))
                .put("description", "d".repeat(300)).put("email", "buyer@example.com");
        assertEquals(200, send(api(post("/api/v1/shop/orders", longest))).statusCode());
    }

    @Test
    void createdOrder_shouldBePending_listedNewestFirst_andPaidAfterPaying() throws Exception {
        String first = create(order(100000, "rub"));
        HttpResponse<String> created = send(api(post("/api/v1/shop/orders", order(2500, "eur"))));
        String second = json(created).path("uuid").asText();
        assertEquals("http://127.0.0.1:" + sandbox.port() + "/shop/pay/" + second,
                json(created).path("paymentUrl").asText());

        assertEquals("pending", status(first));
        JsonNode list = json(send(api(get("/api/v1/shop/orders"))));
        assertEquals(second, list.get(0).path("uuid").asText());
        assertEquals(first, list.get(1).path("uuid").asText());
        assertEquals("2026-11-23 10:00:00", list.get(1).path("createdAt").asText());
        assertEquals("Demo game key", list.get(1).path("title").asText());
        assertEquals(404, send(api(get("/api/v1/shop/orders/unknown/status"))).statusCode());

        assertEquals(200, pay(first, "").statusCode());

        assertEquals("paid", status(first));
        assertEquals("pending", status(second));
        assertEquals(409, pay(first, "").statusCode(), "an order is paid once");
    }

    @Test
    void paying_shouldSendBothEventsSignedWithTheApiKey_inTributesEnvelope() throws Exception {
        String uuid = create(order(150000, "rub"));

        HttpResponse<String> paid = pay(uuid, "");

        assertEquals(2, webhooks.size());
        List<String> names = List.of(TributeSandbox.PAYMENT_RECEIVED, TributeSandbox.SHOP_ORDER);
        for (int i = 0; i < 2; i++) {
            Received webhook = webhooks.get(i);
            assertEquals(HmacSha256.hex(KEY, webhook.body()), webhook.signature());
            assertEquals("application/json", webhook.contentType());
            JsonNode event = mapper.readTree(webhook.body());
            assertEquals(List.of("name", "created_at", "sent_at", "payload"), fieldNames(event));
            assertEquals(names.get(i), event.path("name").asText());
            assertEquals("2026-11-23T10:00:00Z", event.path("created_at").asText());
            assertEquals("2026-11-23T10:00:00Z", event.path("sent_at").asText());
            JsonNode payload = event.path("payload");
            assertEquals(List.of("uuid", "amount", "currency", "status", "title"), fieldNames(payload));
            assertEquals(uuid, payload.path("uuid").asText());
            assertEquals(150000, payload.path("amount").asLong());
            assertTrue(payload.path("amount").isIntegralNumber());
            assertEquals("rub", payload.path("currency").asText());
            assertEquals("paid", payload.path("status").asText());
            assertEquals("Demo game key", payload.path("title").asText());
        }
        JsonNode answer = json(paid);
        assertEquals(names.get(0), answer.path("webhooks").get(0).path("event").asText());
        assertEquals(200, answer.path("webhooks").get(1).path("status").asInt());
        assertEquals("credited", answer.path("webhooks").get(1).path("answer").path("result").asText());
        String log = logged.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("webhook shop_order for " + uuid + " (attempt 1) -> 200"), log);
        assertFalse(log.contains(webhooks.get(0).signature()), "signatures are never logged");
    }

    @Test
    void webhooks_shouldBeSentOnlyOnceTheOrderIsPaid_soTheStatusCallConfirmsThem() throws Exception {
        String uuid = create(order(150000, "rub"));
        String never = create(order(150000, "rub"));

        pay(uuid, "");

        // our function asks this status before it credits: it must already say paid
        assertEquals(List.of("paid", "paid"), statusesAtWebhook);
        // and it tells the truth about an order nobody paid, whatever a webhook claims
        assertEquals("pending", status(never));
    }

    @Test
    void amountInTheQuery_shouldBeWhatThePayloadSays_forAnUnderpayment() throws Exception {
        String uuid = create(order(150000, "rub"));

        assertEquals(200, pay(uuid, "?amount=100000").statusCode());

        for (Received webhook : webhooks) {
            assertEquals(100000, mapper.readTree(webhook.body()).path("payload").path("amount").asLong());
        }
        assertEquals(2, webhooks.size());
        assertEquals(400, pay(create(order(100, "rub")), "?amount=abc").statusCode());
    }

    @Test
    void refusedWebhook_shouldBeSentAgain_andTheLastAnswerReported() throws Exception {
        String uuid = create(order(150000, "rub"));
        webhookStatuses.add(500);
        webhookStatuses.add(503);
        webhookStatuses.add(500);

        JsonNode answer = json(pay(uuid, ""));

        JsonNode received = answer.path("webhooks").get(0);
        assertEquals(TributeSandbox.WEBHOOK_ATTEMPTS, received.path("attempts").asInt());
        assertEquals(500, received.path("status").asInt());
        JsonNode paid = answer.path("webhooks").get(1);
        assertEquals(1, paid.path("attempts").asInt());
        assertEquals(200, paid.path("status").asInt());
        assertEquals(TributeSandbox.WEBHOOK_ATTEMPTS + 1, webhooks.size());
    }

    @Test
    void webhookThatCannotBeReached_shouldBeReported_notWaitedForForever() throws Exception {
        String uuid = create(order(150000, "rub"));
        receiver.stop(0);

        JsonNode answer = json(pay(uuid, ""));

        assertEquals(0, answer.path("webhooks").get(1).path("status").asInt());
        assertTrue(answer.path("webhooks").get(1).path("answer").asText().startsWith("no answer"), answer.toString());
        assertEquals("paid", status(uuid));
    }

    @Test
    void payPage_shouldShowTheOrderWithAPayButton_andAnswerHtmlToABrowser() throws Exception {
        String uuid = create(order(150000, "rub").put("title", "<Demo> key"));

        HttpResponse<String> page = send(get("/shop/pay/" + uuid));

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("&lt;Demo&gt; key"), page.body());
        assertTrue(page.body().contains("1500.00 rub"), page.body());
        assertTrue(page.body().contains("<form method=\"post\">"), page.body());
        HttpResponse<String> paid = send(HttpRequest.newBuilder(url("/shop/pay/" + uuid))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertTrue(paid.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(paid.body().contains("shop_order: 200"), paid.body());
        assertEquals(404, send(get("/shop/pay/unknown")).statusCode());
    }

    private ObjectNode order(long amount, String currency) {
        return mapper.createObjectNode().put("amount", amount).put("currency", currency)
                .put("title", "Demo game key").put("description", "Order 1").put("successUrl", "https://shop/ok")
                .put("failUrl", "https://shop/fail");
    }

    private String create(ObjectNode order) throws Exception {
        HttpResponse<String> created = send(api(post("/api/v1/shop/orders", order)));
        assertEquals(200, created.statusCode(), created.body());
        return json(created).path("uuid").asText();
    }

    private String statusAsked(byte[] webhook) {
        try {
            return status(mapper.readTree(webhook).path("payload").path("uuid").asText());
        } catch (Exception e) {
            return "not told: " + e;
        }
    }

    private String status(String uuid) throws Exception {
        return json(send(api(get("/api/v1/shop/orders/" + uuid + "/status")))).path("status").asText();
    }

    private HttpResponse<String> pay(String uuid, String query) throws Exception {
        return send(HttpRequest.newBuilder(url("/shop/pay/" + uuid + query)).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + sandbox.port() + path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(url(path)).GET();
    }

    private HttpRequest.Builder post(String path, ObjectNode body) {
        return HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private static HttpRequest.Builder api(HttpRequest.Builder request) {
        return request.header("Api-Key", KEY);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        return mapper.readTree(response.body());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
