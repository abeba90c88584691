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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import cc.marix.reseller.signing.ExchangerIpnSignature;

/** The exchanger sandbox of local runs: the order API, and a pay endpoint that sends each IPN once, signed. */
class ExchangerSandboxTest {

    private static final String KEY = "sandbox-test-exchanger-key";
    private static final String IPN_SECRET = "a3f1c0ffee";
    private static final String TRON_RUB = "65a000000000000000000001";
    private static final String TON_RUB = "65a000000000000000000003";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An IPN as our receiver got it. */
    record Received(String contentType, Map<String, String> form) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final List<Received> ipns = new CopyOnWriteArrayList<>();
    private final Queue<Integer> ipnStatuses = new ConcurrentLinkedQueue<>();
    /** The order's status as the sandbox's order/info told it while each IPN was with us. */
    private final List<String> statusesAtIpn = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private String ipnUrl;
    private ExchangerSandbox sandbox;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        receiver.createContext("/callbacks/exchanger/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            ipns.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                    ExchangerSandbox.form(new String(body, StandardCharsets.UTF_8))));
            statusesAtIpn.add(statusAsked(ipns.get(ipns.size() - 1).form().get("orderId")));
            Integer status = ipnStatuses.poll();
            Exchanges.sendJson(exchange, status == null ? 200 : status, "{\"result\":\"advanced\"}");
        });
        receiver.start();
        ipnUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/callbacks/exchanger/topup-1";
        sandbox = ExchangerSandbox.start(0, KEY, Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    @Test
    void apiCalls_shouldBe401_withoutTheRightApiKey() throws Exception {
        assertEquals(401, send(post(order(TRON_RUB, "910"))).statusCode());
        assertEquals(401, send(post(order(TRON_RUB, "910")).header("x-api-key", "wrong")).statusCode());
        assertEquals(401, send(get(ExchangerSandbox.INFO + "?orderId=65a0")).statusCode());
        assertTrue(sandbox.orders().isEmpty());

        assertEquals(200, send(api(post(order(TRON_RUB, "910")))).statusCode());
        String log = logged.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains(KEY), "the key is never logged");
        assertFalse(log.contains(IPN_SECRET), "the IPN secret is never logged");
    }

    @Test
    void createOrder_shouldBe400_forWhatTheExchangerRefuses() throws Exception {
        for (String field : List.of("routeId", "partner", "amount", "ipnUrl", "ipnSecret")) {
            Map<String, String> form = order(TRON_RUB, "910");
            form.remove(field);
            HttpResponse<String> refused = send(api(post(form)));
            assertEquals(400, refused.statusCode(), field);
            assertEquals(field + " is required", json(refused).path("message").asText());
        }
        for (String amount : List.of("0", "-5", "abc")) {
            HttpResponse<String> refused = send(api(post(order(TRON_RUB, amount))));
            assertEquals(400, refused.statusCode(), amount);
            assertEquals("amount must be a positive number", json(refused).path("message").asText());
        }
        assertEquals(400, send(api(post(order("65a0000000000000000000ff", "910")))).statusCode());
        Map<String, String> notHttp = order(TRON_RUB, "910");
        notHttp.put("ipnUrl", "ftp://127.0.0.1/ipn");
        assertEquals(400, send(api(post(notHttp))).statusCode());
        assertTrue(sandbox.orders().isEmpty());
    }

    @Test
    void createdOrder_shouldAskForTheAmountAtTheRoutesRate_andBeTheSameInInfo() throws Exception {
        JsonNode created = json(send(api(post(order(TRON_RUB, "910")))));

        assertTrue(created.path("orderId").asText().matches("[0-9a-f]{24}"), created.toString());
        assertEquals(ExchangerSandbox.FIRST_UID, created.path("orderUID").asLong());
        assertTrue(created.path("orderUID").isIntegralNumber());
        assertEquals("new", created.path("status").asText());
        assertEquals("10", created.path("inAmount").asText());
        assertEquals("910", created.path("outAmount").asText());
        assertTrue(created.path("address").asText().matches("T[1-9A-HJ-NP-Za-km-z]{33}"), created.toString());
        assertEquals("2026-11-23T10:30:00Z", created.path("expiresAt").asText());
        JsonNode ton = json(send(api(post(order(TON_RUB, "1000")))));
        assertEquals("3.571428572", ton.path("inAmount").asText(), "rounded up to TON's 9 decimals");
        assertEquals(ExchangerSandbox.FIRST_UID + 1, ton.path("orderUID").asLong());

        HttpResponse<String> info = send(api(get(ExchangerSandbox.INFO + "?orderId="
                + created.path("orderId").asText())));

        assertEquals(200, info.statusCode());
        assertEquals(created, json(info));
        assertEquals(404, send(api(get(ExchangerSandbox.INFO + "?orderId=65a0000000000000000000ff"))).statusCode());
        assertEquals(400, send(api(get(ExchangerSandbox.INFO))).statusCode());
    }

    @Test
    void paying_shouldSendOneIpnPerStatus_formEncoded_withTheChecksumUnderTheOrdersSecret() throws Exception {
        String orderId = create(order(TRON_RUB, "910"));

        HttpResponse<String> paid = pay(orderId, "");

        assertEquals(200, paid.statusCode(), paid.body());
        assertEquals(ExchangerSandbox.PAID_STATUSES, ipns.stream().map(ipn -> ipn.form().get("newStatus")).toList());
        for (Received ipn : ipns) {
            Map<String, String> form = ipn.form();
            assertEquals("application/x-www-form-urlencoded", ipn.contentType());
            assertEquals(List.of("orderUID", "orderId", "newStatus", "inAmount", "outAmount", "xml_from", "xml_to",
                    "timestamp", "hash"), List.copyOf(form.keySet()));
            assertEquals(Long.toString(ExchangerSandbox.FIRST_UID), form.get("orderUID"));
            assertEquals(orderId, form.get("orderId"));
            assertEquals("10", form.get("inAmount"));
            assertEquals("910", form.get("outAmount"));
            assertEquals("USDTTRC20", form.get("xml_from"));
            assertEquals("CARDRUB", form.get("xml_to"));
            assertEquals(Long.toString(NOW.toEpochMilli()), form.get("timestamp"));
            assertDoesNotThrow(() -> ExchangerIpnSignature.verify(fields(form), form.get("hash"), IPN_SECRET));
        }
        JsonNode answer = json(paid);
        assertEquals("done", answer.path("status").asText());
        assertEquals(ipnUrl, answer.path("ipnUrl").asText());
        assertEquals("done", answer.path("ipns").get(2).path("newStatus").asText());
        assertEquals(200, answer.path("ipns").get(2).path("status").asInt());
        assertEquals("advanced", answer.path("ipns").get(2).path("answer").path("result").asText());
        assertEquals("done", info(orderId).path("status").asText());
        assertEquals(409, pay(orderId, "").statusCode(), "an order is paid once");
        assertEquals(3, ipns.size());
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains(ipns.get(0).form().get("hash")),
                "checksums are never logged");
    }

    @Test
    void eachIpn_shouldBeSentOnceInfoSaysItsStatus_soOrderInfoConfirmsIt() throws Exception {
        String orderId = create(order(TRON_RUB, "910"));
        String never = create(order(TRON_RUB, "910"));

        pay(orderId, "");

        // our function asks order/info before a done IPN credits: it must already say so
        assertEquals(ExchangerSandbox.PAID_STATUSES, statusesAtIpn);
        assertEquals("new", info(never).path("status").asText());
    }

    @Test
    void amountInTheQuery_shouldBeTheInAmountOfTheIpnsAndOfInfo_forAnUnderpayment() throws Exception {
        String orderId = create(order(TRON_RUB, "910"));

        assertEquals(200, pay(orderId, "?amount=7.5").statusCode());

        for (Received ipn : ipns) {
            assertEquals("7.5", ipn.form().get("inAmount"));
            assertEquals("682.5", ipn.form().get("outAmount"));
            assertDoesNotThrow(() -> ExchangerIpnSignature.verify(fields(ipn.form()), ipn.form().get("hash"),
                    IPN_SECRET));
        }
        assertEquals("7.5", info(orderId).path("inAmount").asText());
        String other = create(order(TRON_RUB, "910"));
        assertEquals(400, pay(other, "?amount=abc").statusCode());
        assertEquals(400, pay(other, "?amount=1.0000001").statusCode(), "USDT has 6 decimals");
        assertEquals("new", info(other).path("status").asText());
    }

    @Test
    void refusedIpn_shouldNeverBeSentAgain_andThePaymentGoOn() throws Exception {
        String orderId = create(order(TRON_RUB, "910"));
        ipnStatuses.add(500);
        ipnStatuses.add(503);

        JsonNode answer = json(pay(orderId, ""));

        assertEquals(3, ipns.size(), "one IPN per status, a refused one included");
        assertEquals(500, answer.path("ipns").get(0).path("status").asInt());
        assertEquals(503, answer.path("ipns").get(1).path("status").asInt());
        assertEquals(200, answer.path("ipns").get(2).path("status").asInt());
        assertEquals("done", info(orderId).path("status").asText());
    }

    @Test
    void ipnThatCannotBeReached_shouldBeReported_andTheOrderStillDone() throws Exception {
        String orderId = create(order(TRON_RUB, "910"));
        receiver.stop(0);

        JsonNode answer = json(pay(orderId, ""));

        assertEquals(0, answer.path("ipns").get(2).path("status").asInt());
        assertTrue(answer.path("ipns").get(2).path("answer").asText().startsWith("no answer"), answer.toString());
        assertEquals("done", info(orderId).path("status").asText());
    }

    @Test
    void skipIpn_shouldSendNoIpn_whileInfoSaysDone() throws Exception {
        String orderId = create(order(TRON_RUB, "910"));

        JsonNode answer = json(pay(orderId, "?skipIpn=true&amount=9"));

        assertTrue(ipns.isEmpty());
        for (JsonNode ipn : answer.path("ipns")) {
            assertFalse(ipn.path("sent").asBoolean(), answer.toString());
        }
        JsonNode info = info(orderId);
        assertEquals("done", info.path("status").asText());
        assertEquals("9", info.path("inAmount").asText());
        assertEquals(404, pay("65a0000000000000000000ff", "").statusCode());
    }

    private Map<String, String> order(String routeId, String amount) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("routeId", routeId);
        form.put("partner", "reseller");
        form.put("amount", amount);
        form.put("lang", "en");
        form.put("agreement", "true");
        form.put("hideOutData", "true");
        form.put("clientCallbackUrl", "https://shop.example/return");
        form.put("ipnUrl", ipnUrl);
        form.put("ipnSecret", IPN_SECRET);
        return form;
    }

    private String create(Map<String, String> form) throws Exception {
        HttpResponse<String> created = send(api(post(form)));
        assertEquals(200, created.statusCode(), created.body());
        return json(created).path("orderId").asText();
    }

    private String statusAsked(String orderId) {
        try {
            return info(orderId).path("status").asText();
        } catch (Exception e) {
            return "not told: " + e;
        }
    }

    private JsonNode info(String orderId) throws Exception {
        return json(send(api(get(ExchangerSandbox.INFO + "?orderId=" + orderId))));
    }

    private HttpResponse<String> pay(String orderId, String query) throws Exception {
        return send(HttpRequest.newBuilder(url(ExchangerSandbox.PAY_PATH + orderId + query))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static ExchangerIpnSignature.Fields fields(Map<String, String> form) {
        return new ExchangerIpnSignature.Fields(form.get("orderId"), form.get("newStatus"), form.get("inAmount"),
                form.get("outAmount"), form.get("xml_from"), form.get("xml_to"), form.get("timestamp"));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + sandbox.port() + path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(url(path)).GET();
    }

    private HttpRequest.Builder post(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(url(ExchangerSandbox.CREATE))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private static HttpRequest.Builder api(HttpRequest.Builder request) {
        return request.header("x-api-key", KEY);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        return mapper.readTree(response.body());
    }
}
