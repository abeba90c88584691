package cc.marix.reseller.local;

import static cc.marix.reseller.local.Exchanges.escapeHtml;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import cc.marix.reseller.signing.MerchantGatewaySignature;
import cc.marix.reseller.signing.SignatureVerificationException;

/**
 * The P2P merchant gateway for local runs: its REST API V1 as this code assumes it (seeds/merchant-gateway-api.txt
 * and functions.md, "Payment decisions") on 127.0.0.1, every request verified as the gateway verifies it
 * ({@code X-API-Key}; {@code X-Signature}, HMAC-SHA256 with the merchant secret of {@code X-Timestamp} + the raw
 * body, the timestamp within 300 s), orders kept in memory, and a payment page whose POST plays the buyer paying:
 * the order turns {@code success} (or {@code timeout} with {@code ?status=timeout}) and the merchant's
 * {@code callback_url} gets callback V3, signed the same way. {@code ?amount=} pays less (or more) than asked. A
 * callback that fails or answers non-2xx is sent again a few times; after that payment-reconcile's status poll
 * finds the order.
 */
final class MerchantSandbox implements AutoCloseable {

    static final String DEMO_API_KEY = "demo-merchant-api-key";
    static final String TITLE = "Merchant gateway sandbox";
    static final String DEMO_SECRET = "demo-merchant-secret";
    static final String ORDERS = "/api/v1/orders";
    static final String PAY_PATH = "/sandbox/merchant/pay/";
    static final int CALLBACK_ATTEMPTS = 3;
    /** The demo USDT rate per currency (amount_usdt) and the gateway's commission, a share of it. */
    static final Map<String, BigDecimal> LOCAL_PER_USDT = Map.of("RUB", new BigDecimal("91"), "USD", BigDecimal.ONE);
    static final BigDecimal COMMISSION = new BigDecimal("0.1");

    private static final Pattern ORDER = Pattern.compile(Pattern.quote(ORDERS) + "/([^/]+)");
    private static final Pattern PAY = Pattern.compile(Pattern.quote(PAY_PATH) + "([^/]+)");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    // Our callback answers in well under a second; a stuck function must not hold the buyer's page for long.
    private static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(10);

    /** An order as the gateway keeps it; {@code paidAmount} what the buyer paid (null until paid). */
    record Order(long sequence, String uuid, String merchantOrderId, BigDecimal amount, String currency,
            String returnUrl, String status, BigDecimal paidAmount) {

        Order closed(String newStatus, BigDecimal paid) {
            return new Order(sequence, uuid, merchantOrderId, amount, currency, returnUrl, newStatus, paid);
        }

        BigDecimal amountLocal() {
            return paidAmount == null ? amount : paidAmount;
        }
    }


    private final String apiKey;
    private final String secret;
    private final URI callback;
    private final Duration retryWait;
    private final Clock clock;
    private final PrintStream log;
    private final ObjectMapper mapper = JSON;
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final HttpServer server;
    private final ExecutorService threads;

    private MerchantSandbox(int port, String apiKey, String secret, URI callback, Duration retryWait, Clock clock,
            PrintStream log) throws IOException {
        this.apiKey = apiKey;
        this.secret = secret;
        this.callback = callback;
        this.retryWait = retryWait;
        this.clock = clock;
        this.log = log;
        this.threads = DaemonThreads.pool("merchant-sandbox");
        this.server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(LocalLambdaRuntime.LOOPBACK), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: a free port) for calls with {@code apiKey} signed with {@code secret},
     * and sends callbacks to {@code callback} signed with it; a failed callback is tried again after 1 s, then 2 s.
     */
    static MerchantSandbox start(int port, String apiKey, String secret, URI callback, PrintStream log) {
        return start(port, apiKey, secret, callback, Duration.ofSeconds(1), Clock.systemUTC(), log);
    }

    /** As {@link #start(int, String, String, URI, PrintStream)}, waiting {@code retryWait} x attempt between tries. */
    static MerchantSandbox start(int port, String apiKey, String secret, URI callback, Duration retryWait,
            Clock clock, PrintStream log) {
        try {
            return new MerchantSandbox(port, apiKey, secret, callback, retryWait, clock, log);
        } catch (IOException e) {
            throw new UncheckedIOException("the merchant sandbox could not listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** What our function is given as MERCHANT_URL. */
    URI url() {
        return URI.create("http://" + LocalLambdaRuntime.LOOPBACK + ":" + port());
    }

    URI paymentUrl(String uuid) {
        return url().resolve(PAY_PATH + uuid);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            Matcher pay = PAY.matcher(path);
            if (path.startsWith("/api/v1/")) {
                api(exchange, path);
            } else if (pay.matches()) {
                payPage(exchange, pay.group(1));
            } else {
                Exchanges.sendJson(exchange, 404, message("Not Found"));
            }
        } finally {
            exchange.close();
        }
    }

    private void api(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        byte[] body = Exchanges.readBody(exchange, MAX_BODY_BYTES);
        if (body == null) {
            Exchanges.sendJson(exchange, 413, message("the body is too large"));
            return;
        }
        String refused = refused(exchange, body);
        if (refused != null) {
            log("merchant sandbox: " + method + " " + path + " -> 401 (" + refused + ")");
            Exchanges.sendJson(exchange, 401, message("Unauthorized: " + refused));
            return;
        }
        Matcher order = ORDER.matcher(path);
        if (path.equals(ORDERS)) {
            if (allowed(exchange, method, "POST")) {
                create(exchange, body);
            }
        } else if (order.matches()) {
            if (allowed(exchange, method, "GET")) {
                Order found = orders.get(order.group(1));
                if (found == null) {
                    Exchanges.sendJson(exchange, 404, message("Order not found"));
                } else {
                    Exchanges.sendJson(exchange, 200, describe(found).toString());
                }
            }
        } else {
            Exchanges.sendJson(exchange, 404, message("Not Found"));
        }
    }

    /** Why the gateway refuses this request's authentication, or null. Neither key nor signature is ever logged. */
    private String refused(HttpExchange exchange, byte[] body) {
        String presented = exchange.getRequestHeaders().getFirst("X-API-Key");
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                apiKey.getBytes(StandardCharsets.UTF_8))) {
            return "missing or wrong X-API-Key";
        }
        try {
            MerchantGatewaySignature.verify(secret, exchange.getRequestHeaders().getFirst("X-Timestamp"), body,
                    exchange.getRequestHeaders().getFirst("X-Signature"), clock.instant());
            return null;
        } catch (SignatureVerificationException e) {
            return e.getMessage();
        }
    }

    private static boolean allowed(HttpExchange exchange, String method, String expected) throws IOException {
        if (expected.equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", expected);
        Exchanges.sendJson(exchange, 405, message("Method Not Allowed"));
        return false;
    }

    private void create(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request;
        try {
            request = body.length == 0 ? null
                    : mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(body);
        } catch (IOException malformed) {
            request = null;
        }
        String problem = request == null || !request.isObject() ? "the body must be a JSON object" : problem(request);
        if (problem != null) {
            log("merchant sandbox: POST " + ORDERS + " -> 400 (" + problem + ")");
            Exchanges.sendJson(exchange, 400, message(problem));
            return;
        }
        String uuid = UUID.randomUUID().toString();
        JsonNode returnUrl = request.path("return_url");
        Order order = new Order(sequence.incrementAndGet(), uuid, request.get("merchant_order_id").asText(),
                amount(request.get("amount")), request.get("currency").textValue(),
                returnUrl.isTextual() ? returnUrl.textValue() : null, "new", null);
        orders.put(uuid, order);
        log("merchant sandbox: POST " + ORDERS + " -> 200 order " + uuid + " (" + order.amount().toPlainString() + " "
                + order.currency() + " for merchant order " + order.merchantOrderId() + ")");
        Exchanges.sendJson(exchange, 200, mapper.createObjectNode().put("uuid", uuid).put("status", order.status())
                .put("payment_url", paymentUrl(uuid).toString()).toString());
    }

    /** What the gateway would refuse in a new order, or null. */
    static String problem(JsonNode order) {
        JsonNode id = order.path("merchant_order_id");
        if (!(id.isTextual() && !id.textValue().isBlank()) && !id.isIntegralNumber()) {
            return "merchant_order_id is required";
        }
        BigDecimal amount = amount(order.path("amount"));
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            return "amount must be a positive number with at most 2 decimals";
        }
        if (!order.path("currency").isTextual() || !CURRENCY.matcher(order.path("currency").textValue()).matches()) {
            return "currency must be an ISO 4217 code in upper case";
        }
        JsonNode returnUrl = order.path("return_url");
        if (!returnUrl.isMissingNode() && !returnUrl.isNull() && !returnUrl.isTextual()) {
            return "return_url must be a string";
        }
        return null;
    }

    /** An amount given as a JSON number or a string of one; null otherwise. */
    private static BigDecimal amount(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The order as {@code GET /api/v1/orders/{uuid}} describes it. */
    private ObjectNode describe(Order order) {
        return mapper.createObjectNode().put("uuid", order.uuid()).put("status", order.status())
                .put("amount_local", order.amountLocal().toPlainString()).put("currency", order.currency())
                .put("merchant_order_id", order.merchantOrderId());
    }

    private void payPage(HttpExchange exchange, String uuid) throws IOException {
        Order order = orders.get(uuid);
        String method = exchange.getRequestMethod();
        if (order == null) {
            reply(exchange, 404, mapper.createObjectNode().put("message", "Order not found"),
                    "<p>No order " + escapeHtml(uuid) + " in this sandbox.</p>");
        } else if ("GET".equals(method)) {
            Exchanges.sendHtml(exchange, 200, page(order));
        } else if ("POST".equals(method)) {
            pay(exchange, order);
        } else {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
            Exchanges.sendJson(exchange, 405, message("Method Not Allowed"));
        }
    }

    private String page(Order order) {
        String action = order.status().equals("new")
                ? "<form method=\"post\"><button type=\"submit\">Pay " + order.amount().toPlainString() + " "
                        + escapeHtml(order.currency()) + "</button></form>"
                : "<p>Status: " + escapeHtml(order.status()) + "</p>";
        return Exchanges.page(TITLE, "<h1>Order " + escapeHtml(order.merchantOrderId()) + "</h1><p>"
                + order.amount().toPlainString() + " " + escapeHtml(order.currency()) + "</p>" + action
                + "<p><small>Merchant gateway sandbox of a local run: paying sends the signed callback V3 to "
                + escapeHtml(callback.toString()) + "</small></p>");
    }

    private void pay(HttpExchange exchange, Order order) throws IOException {
        Map<String, String> query = ExchangerSandbox.form(exchange.getRequestURI().getRawQuery());
        String status = query.getOrDefault("status", "success");
        if (!status.equals("success") && !status.equals("timeout")) {
            reply(exchange, 400, mapper.createObjectNode().put("message", "status must be success or timeout"),
                    "<p>status must be success or timeout.</p>");
            return;
        }
        BigDecimal amount = query.containsKey("amount") ? amount(JSON.getNodeFactory().textNode(query.get("amount")))
                : order.amount();
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            reply(exchange, 400, mapper.createObjectNode().put("message", "amount must be a positive number"),
                    "<p>amount must be a positive number with at most 2 decimals.</p>");
            return;
        }
        Order closed = order.closed(status, status.equals("success") ? amount : null);
        // once only: a closed order is never paid again
        if (!order.status().equals("new") || !orders.replace(order.uuid(), order, closed)) {
            String now = orders.get(order.uuid()).status();
            reply(exchange, 409, mapper.createObjectNode().put("message", "the order is already " + now),
                    "<p>The order is already " + escapeHtml(now) + ".</p>");
            return;
        }
        log("merchant sandbox: order " + closed.uuid() + " " + status + " (" + closed.amountLocal().toPlainString()
                + " of " + closed.amount().toPlainString() + " " + closed.currency() + "); sending callback V3 to "
                + callback);
        CallbackPost.Answer delivery = send(closed);
        ObjectNode json = describe(closed).put("callback", callback.toString());
        json.putObject("delivery").put("status", delivery.status()).put("attempts", delivery.attempts())
                .set("answer", Exchanges.jsonOrText(mapper, delivery.body()));
        reply(exchange, 200, json, "<p>Order " + escapeHtml(status) + ": " + closed.amountLocal().toPlainString()
                + " " + escapeHtml(closed.currency()) + ". Our callback answered: " + delivery.status() + " "
                + escapeHtml(delivery.body()) + " (" + delivery.attempts() + " attempt(s))</p>");
    }

    /** Callback V3, signed anew on every try with the time of that try (the body stays the same). */
    private CallbackPost.Answer send(Order order) {
        byte[] body = callbackBody(order).toString().getBytes(StandardCharsets.UTF_8);
        return CallbackPost.send(http, () -> {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            return HttpRequest.newBuilder(callback).timeout(CALLBACK_TIMEOUT)
                    .header("Content-Type", "application/json").header("X-Timestamp", timestamp)
                    .header("X-Signature", MerchantGatewaySignature.sign(secret, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }, CALLBACK_ATTEMPTS, retryWait, tried -> log("merchant sandbox: callback " + order.status() + " for "
                + order.uuid() + " (attempt " + tried.attempts() + ") -> " + CallbackPost.describe(tried)));
    }

    /** The seed's callback V3 fields, amounts as JSON numbers. */
    ObjectNode callbackBody(Order order) {
        BigDecimal local = order.amountLocal();
        BigDecimal usdt = local.divide(LOCAL_PER_USDT.getOrDefault(order.currency().toUpperCase(Locale.ROOT),
                BigDecimal.ONE), 3, RoundingMode.HALF_EVEN);
        return mapper.createObjectNode().put("uuid", order.uuid()).put("status", order.status())
                .put("amount_usdt", usdt).put("amount_local", local)
                .put("currency", order.currency().toUpperCase(Locale.ROOT))
                .put("merchant_commission", usdt.multiply(COMMISSION).setScale(3, RoundingMode.HALF_EVEN).negate())
                .put("merchant_order_id", order.merchantOrderId());
    }


    private static void reply(HttpExchange exchange, int status, ObjectNode json, String htmlBody) throws IOException {
        Exchanges.replyJsonOrPage(exchange, status, json.toString(), TITLE, htmlBody);
    }

    private static String message(String text) {
        return JSON.createObjectNode().put("message", text).toString();
    }


    private void log(String line) {
        log.println("run-local: " + line);
        log.flush();
    }

    /** Every order so far, newest first. */
    List<Order> orders() {
        List<Order> all = new ArrayList<>(orders.values());
        all.sort(Comparator.comparingLong(Order::sequence).reversed());
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
