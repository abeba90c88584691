package cc.marix.reseller.local;

import static cc.marix.reseller.local.Exchanges.escapeHtml;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import cc.marix.reseller.signing.HmacSha256;
import cc.marix.reseller.signing.TributeSignature;

/**
 * Tribute for local runs: its shop API (seeds/tribute-shop-api.txt) on 127.0.0.1, with orders kept in memory, and a
 * payment page whose POST plays the buyer paying: the order turns {@code paid} and our webhook gets what Tribute
 * sends, {@code shop_order_payment_received} and then {@code shop_order} with status {@code paid}, each signed with
 * {@code trbt-signature} (HMAC-SHA256 of the raw body keyed with the API key). {@code ?amount=<minor units>} pays
 * less (or more) than asked. A webhook that fails or answers non-2xx is sent again a few times, as Tribute retries
 * (it goes on for a day; the sandbox gives up sooner and leaves the rest to payment-reconcile, which polls the status).
 */
final class TributeSandbox implements AutoCloseable {

    static final String DEMO_API_KEY = "demo-tribute-api-key";
    static final String TITLE = "Tribute sandbox";
    static final String PAY_PATH = "/shop/pay/";
    static final String PAYMENT_RECEIVED = "shop_order_payment_received";
    static final String SHOP_ORDER = "shop_order";
    static final Set<String> CURRENCIES = Set.of("rub", "usd", "eur");
    static final int WEBHOOK_ATTEMPTS = 3;

    private static final String API = "/api/v1/shop";
    private static final Pattern ORDER_STATUS = Pattern.compile("/api/v1/shop/orders/([^/]+)/status");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_TITLE = 100;
    private static final int MAX_DESCRIPTION = 300;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    // Our webhook answers in well under a second; a stuck function must not hold the buyer's page for long.
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

    /** An order as Tribute lists it; {@code paidAmount} is what the buyer paid (null until paid). */
    record Order(long sequence, String uuid, long amount, String currency, String title, String description,
            String email, String successUrl, String failUrl, String createdAt, String status, Long paidAmount) {

        Order paid(long amount) {
            return new Order(sequence, uuid, this.amount, currency, title, description, email, successUrl, failUrl,
                    createdAt, "paid", amount);
        }
    }

    /** One webhook event as the sandbox sent it: our last answer (status 0 if none came), after how many tries. */
    record Delivery(String event, int status, String answer, int attempts) {
    }

    private final String apiKey;
    private final URI webhook;
    private final Duration retryWait;
    private final Clock clock;
    private final PrintStream log;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final HttpServer server;
    private final ExecutorService threads;

    private TributeSandbox(int port, String apiKey, URI webhook, Duration retryWait, Clock clock, PrintStream log)
            throws IOException {
        this.apiKey = apiKey;
        this.webhook = webhook;
        this.retryWait = retryWait;
        this.clock = clock;
        this.log = log;
        this.threads = DaemonThreads.pool("tribute-sandbox");
        this.server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(LocalLambdaRuntime.LOOPBACK), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: a free port) for calls with {@code apiKey}, and sends webhooks to
     * {@code webhook} signed with it; a failed webhook is tried again after 1 s, then 2 s.
     */
    static TributeSandbox start(int port, String apiKey, URI webhook, PrintStream log) {
        return start(port, apiKey, webhook, Duration.ofSeconds(1), Clock.systemUTC(), log);
    }

    /** As {@link #start(int, String, URI, PrintStream)}, waiting {@code retryWait} x attempt between tries. */
    static TributeSandbox start(int port, String apiKey, URI webhook, Duration retryWait, Clock clock,
            PrintStream log) {
        try {
            return new TributeSandbox(port, apiKey, webhook, retryWait, clock, log);
        } catch (IOException e) {
            throw new UncheckedIOException("the Tribute sandbox could not listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** What our function is given as TRIBUTE_URL. */
    URI url() {
        return URI.create("http://" + LocalLambdaRuntime.LOOPBACK + ":" + port());
    }

    URI paymentUrl(String uuid) {
        return url().resolve(PAY_PATH + uuid);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/api/v1/")) {
                api(exchange, path);
            } else if (path.startsWith(PAY_PATH)) {
                payPage(exchange, path.substring(PAY_PATH.length()));
            } else {
                Exchanges.sendJson(exchange, 404, "{\"message\":\"Not Found\"}");
            }
        } finally {
            exchange.close();
        }
    }

    private void api(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (!keyMatches(exchange.getRequestHeaders().getFirst("Api-Key"))) {
            log("tribute sandbox: " + method + " " + path + " -> 401 (missing or wrong Api-Key)");
            Exchanges.sendJson(exchange, 401, "{\"message\":\"Unauthorized: invalid API key\"}");
            return;
        }
        Matcher status = ORDER_STATUS.matcher(path);
        if (path.equals(API)) {
            onlyGet(exchange, method, () -> shop().toString());
        } else if (path.equals(API + "/orders")) {
            if ("POST".equals(method)) {
                createOrder(exchange);
            } else {
                onlyGet(exchange, method, () -> orderList().toString());
            }
        } else if (status.matches()) {
            Order order = orders.get(status.group(1));
            if (order == null) {
                Exchanges.sendJson(exchange, 404, "{\"message\":\"Order not found\"}");
            } else {
                onlyGet(exchange, method, () -> mapper.createObjectNode().put("status", order.status()).toString());
            }
        } else {
            Exchanges.sendJson(exchange, 404, "{\"message\":\"Not Found\"}");
        }
    }

    private static void onlyGet(HttpExchange exchange, String method, Supplier<String> json) throws IOException {
        if ("GET".equals(method)) {
            Exchanges.sendJson(exchange, 200, json.get());
        } else {
            exchange.getResponseHeaders().set("Allow", "GET");
            Exchanges.sendJson(exchange, 405, "{\"message\":\"Method Not Allowed\"}");
        }
    }

    private boolean keyMatches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                apiKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The seed's example shop; its callbackUrl is where this sandbox really sends the webhooks. */
    private ObjectNode shop() {
        return mapper.createObjectNode().put("userId", 123).put("link", "myshop")
                .put("callbackUrl", webhook.toString()).put("recurringAvailable", true).put("onlyStars", false)
                .put("status", 1);
    }

    private void createOrder(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange, MAX_BODY_BYTES);
        JsonNode request;
        try {
            request = body == null ? null : mapper.readTree(body);
        } catch (IOException malformed) {
            request = null;
        }
        String problem = request == null || !request.isObject() ? "the body must be a JSON object" : problem(request);
        if (problem != null) {
            log("tribute sandbox: POST " + API + "/orders -> 400 (" + problem + ")");
            Exchanges.sendJson(exchange, 400, mapper.createObjectNode().put("message", problem).toString());
            return;
        }
        String uuid = UUID.randomUUID().toString();
        Order order = new Order(sequence.incrementAndGet(), uuid, request.get("amount").longValue(),
                request.get("currency").textValue(), request.get("title").textValue(),
                request.get("description").textValue(), optional(request, "email"), optional(request, "successUrl"),
                optional(request, "failUrl"), CREATED_AT.format(clock.instant()), "pending", null);
        orders.put(uuid, order);
        log("tribute sandbox: POST " + API + "/orders -> 200 order " + uuid + " (" + order.amount() + " "
                + order.currency() + " in minor units, pending)");
        Exchanges.sendJson(exchange, 200, mapper.createObjectNode().put("uuid", uuid)
                .put("paymentUrl", paymentUrl(uuid).toString()).toString());
    }

    /** What Tribute would refuse in a new order, or null. */
    static String problem(JsonNode order) {
        JsonNode amount = order.path("amount");
        if (!amount.isIntegralNumber() || !amount.canConvertToLong() || amount.longValue() <= 0) {
            return "amount must be a positive integer (minor units)";
        }
        if (!CURRENCIES.contains(order.path("currency").asText(null))) {
            return "currency must be one of rub, usd, eur (lower case)";
        }
        if (!textOfLength(order.path("title"), MAX_TITLE)) {
            return "title is required, at most " + MAX_TITLE + " UTF-16 characters";
        }
        if (!textOfLength(order.path("description"), MAX_DESCRIPTION)) {
            return "description is required, at most " + MAX_DESCRIPTION + " UTF-16 characters";
        }
        JsonNode email = order.path("email");
        if (!email.isMissingNode() && !email.isNull()
                && !(email.isTextual() && EMAIL.matcher(email.textValue()).matches())) {
            return "email is not a valid e-mail address";
        }
        for (String url : List.of("successUrl", "failUrl")) {
            JsonNode value = order.path(url);
            if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
                return url + " must be a string";
            }
        }
        return null;
    }

    private static boolean textOfLength(JsonNode node, int max) {
        return node.isTextual() && !node.textValue().isBlank() && node.textValue().length() <= max;
    }

    private static String optional(JsonNode request, String field) {
        JsonNode value = request.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    /** Newest first, in the seed's fields. */
    private ArrayNode orderList() {
        ArrayNode list = mapper.createArrayNode();
        orders().forEach(order -> list
                .addObject().put("uuid", order.uuid()).put("amount", order.amount())
                .put("currency", order.currency()).put("title", order.title())
                .put("description", order.description()).put("status", order.status()).put("email", order.email())
                .put("successUrl", order.successUrl()).put("failUrl", order.failUrl())
                .put("paymentUrl", paymentUrl(order.uuid()).toString()).put("createdAt", order.createdAt()));
        return list;
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
            Exchanges.sendJson(exchange, 405, "{\"message\":\"Method Not Allowed\"}");
        }
    }

    private String page(Order order) {
        String action = order.status().equals("pending")
                ? "<form method=\"post\"><button type=\"submit\">Pay " + money(order.amount()) + " "
                        + escapeHtml(order.currency()) + "</button></form>"
                : "<p>Status: " + escapeHtml(order.status()) + "</p>";
        return Exchanges.page(TITLE, "<h1>" + escapeHtml(order.title()) + "</h1><p>"
                + escapeHtml(order.description()) + "</p><p>" + money(order.amount()) + " "
                + escapeHtml(order.currency()) + " (" + order.amount() + " in minor units)</p>" + action
                + "<p><small>Tribute sandbox of a local run: paying sends the signed webhooks to "
                + escapeHtml(webhook.toString()) + "</small></p>");
    }

    private void pay(HttpExchange exchange, Order order) throws IOException {
        Long amount = paidAmount(exchange.getRequestURI().getRawQuery(), order.amount());
        if (amount == null) {
            reply(exchange, 400, mapper.createObjectNode().put("message", "amount must be a positive integer"),
                    "<p>amount must be a positive integer (minor units).</p>");
            return;
        }
        Order paid = order.paid(amount);
        // Once only, as at Tribute; a webhook that never got through is left to payment-reconcile's status poll.
        if (!order.status().equals("pending") || !orders.replace(order.uuid(), order, paid)) {
            String now = orders.get(order.uuid()).status();
            reply(exchange, 409, mapper.createObjectNode().put("message", "the order is already " + now),
                    "<p>The order is already " + escapeHtml(now) + ".</p>");
            return;
        }
        log("tribute sandbox: order " + paid.uuid() + " paid (" + amount + " of " + paid.amount() + " "
                + paid.currency() + " in minor units); sending the webhooks to " + webhook);
        List<Delivery> deliveries = List.of(send(PAYMENT_RECEIVED, paid), send(SHOP_ORDER, paid));
        ObjectNode json = mapper.createObjectNode().put("uuid", paid.uuid()).put("status", paid.status())
                .put("amount", amount).put("currency", paid.currency()).put("webhook", webhook.toString());
        ArrayNode sent = json.putArray("webhooks");
        StringBuilder rows = new StringBuilder();
        for (Delivery delivery : deliveries) {
            sent.addObject().put("event", delivery.event()).put("status", delivery.status())
                    .put("attempts", delivery.attempts())
                    .set("answer", Exchanges.jsonOrText(mapper, delivery.answer()));
            rows.append("<li>").append(escapeHtml(delivery.event())).append(": ").append(delivery.status())
                    .append(' ').append(escapeHtml(delivery.answer())).append(" (").append(delivery.attempts())
                    .append(" attempt(s))</li>");
        }
        reply(exchange, 200, json, "<p>Paid " + money(amount) + " " + escapeHtml(paid.currency()) + " for "
                + escapeHtml(paid.title()) + ". Our webhook answered:</p><ul>" + rows + "</ul>");
    }

    /** The amount paid: {@code amount=} from the query (minor units), else the order's; null if malformed. */
    private static Long paidAmount(String query, long asked) {
        if (query == null) {
            return asked;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("amount=")) {
                try {
                    long amount = Long.parseLong(pair.substring("amount=".length()));
                    return amount > 0 ? amount : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return asked;
    }

    /** One event, signed anew on every try because {@code sent_at} changes, as Tribute's retries do. */
    private Delivery send(String name, Order order) {
        String createdAt = clock.instant().toString();
        CallbackPost.Answer answer = CallbackPost.send(http, () -> {
            byte[] body = envelope(name, createdAt, order).toString().getBytes(StandardCharsets.UTF_8);
            return HttpRequest.newBuilder(webhook).timeout(WEBHOOK_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(TributeSignature.HEADER, HmacSha256.hex(apiKey, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }, WEBHOOK_ATTEMPTS, retryWait, tried -> log("tribute sandbox: webhook " + name + " for " + order.uuid()
                + " (attempt " + tried.attempts() + ") -> " + CallbackPost.describe(tried)));
        return new Delivery(name, answer.status(), answer.body(), answer.attempts());
    }

    /** Both events carry the order as it is once paid: status {@code paid}, the amount the buyer paid. */
    private ObjectNode envelope(String name, String createdAt, Order order) {
        ObjectNode event = mapper.createObjectNode().put("name", name).put("created_at", createdAt)
                .put("sent_at", clock.instant().toString());
        event.putObject("payload").put("uuid", order.uuid()).put("amount", order.paidAmount())
                .put("currency", order.currency()).put("status", order.status()).put("title", order.title());
        return event;
    }


    private static void reply(HttpExchange exchange, int status, ObjectNode json, String htmlBody) throws IOException {
        Exchanges.replyJsonOrPage(exchange, status, json.toString(), TITLE, htmlBody);
    }

    private static String money(long minorUnits) {
        return BigDecimal.valueOf(minorUnits, 2).toPlainString();
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
