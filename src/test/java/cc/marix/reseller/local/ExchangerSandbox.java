package cc.marix.reseller.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import cc.marix.reseller.signing.ExchangerIpnSignature;

/**
 * The exchanger for local runs: its public order API as this code assumes it (seeds/exchanger-order-and-ipn.txt and
 * functions.md, "Payment decisions": key in {@code x-api-key}, {@code order/create} a form answered with
 * {@code {orderId, orderUID, status, inAmount, outAmount, address, expiresAt}}, {@code order/info?orderId=} the
 * same) on 127.0.0.1, with orders kept in memory and a demo rate per route, and a pay endpoint that plays the buyer
 * sending the coins: the order goes {@code waitPayment}, {@code inProgress}, {@code done}, and for each status the
 * order's {@code ipnUrl} gets one IPN as the exchanger sends it (a form, its checksum in {@code hash} under the
 * order's {@code ipnSecret}). An IPN is sent once and never again, whatever the answer, as the exchanger does;
 * {@code ?skipIpn=true} loses all three, so only payment-reconcile's status poll finds the payment.
 * {@code ?amount=} sends less (or more) than asked.
 */
final class ExchangerSandbox implements AutoCloseable {

    static final String DEMO_API_KEY = "demo-exchanger-api-key";
    static final String CREATE = "/public/exchanger/order/create";
    static final String INFO = "/public/exchanger/order/info";
    static final String PAY_PATH = "/sandbox/exchanger/pay/";
    static final String ORDERS_PATH = "/sandbox/exchanger/orders/";
    /** What the pay endpoint moves an order through, one IPN each. */
    static final List<String> PAID_STATUSES = List.of("waitPayment", "inProgress", "done");
    static final long FIRST_UID = 4021;

    /** A direction: what is sent ({@code from}), what is paid out ({@code to}), how many of {@code to} one buys. */
    record Route(String xmlFrom, String xmlTo, BigDecimal rate, int decimals, String addressKind) {
    }

    /** The route ids of application.properties' defaults (EXCHANGER_ROUTE_*), at demo rates. */
    static final Map<String, Route> ROUTES = Map.of(
            "65a000000000000000000001", new Route("USDTTRC20", "CARDRUB", new BigDecimal("91"), 6, "tron"),
            "65a000000000000000000002", new Route("USDTTRC20", "CARDUSD", new BigDecimal("1"), 6, "tron"),
            "65a000000000000000000003", new Route("TON", "CARDRUB", new BigDecimal("280"), 9, "ton"),
            "65a000000000000000000004", new Route("USDTERC20", "CARDRUB", new BigDecimal("91"), 6, "evm"));

    private static final Pattern PAY = Pattern.compile(Pattern.quote(PAY_PATH) + "([0-9a-f]{24})");
    private static final Pattern SHOW = Pattern.compile(Pattern.quote(ORDERS_PATH) + "([0-9a-f]{24})");
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Duration ORDER_LIFETIME = Duration.ofMinutes(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    // Our IPN endpoint answers in well under a second; a stuck function must not hold the pay call for long.
    private static final Duration IPN_TIMEOUT = Duration.ofSeconds(10);

    /**
     * An order as the exchanger keeps it: {@code inAmount} what to send until paid, then what was sent;
     * {@code asked} what was asked.
     */
    record Order(long orderUid, String orderId, String routeId, String status, String asked, String inAmount,
            String outAmount, String address, String expiresAt, String ipnUrl, String ipnSecret) {

        Order moved(String newStatus, String sent, String paidOut) {
            return new Order(orderUid, orderId, routeId, newStatus, asked, sent, paidOut, address, expiresAt, ipnUrl,
                    ipnSecret);
        }
    }

    /** One IPN: the status it told, whether it was sent, our answer (status 0 if none came). */
    record Ipn(String newStatus, boolean sent, int status, String answer) {
    }

    private final String apiKey;
    private final Clock clock;
    private final PrintStream log;
    private final ObjectMapper mapper = JSON;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final AtomicLong uids = new AtomicLong(FIRST_UID - 1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final HttpServer server;
    private final ExecutorService threads;

    private ExchangerSandbox(int port, String apiKey, Clock clock, PrintStream log) throws IOException {
        this.apiKey = apiKey;
        this.clock = clock;
        this.log = log;
        this.threads = DaemonThreads.pool("exchanger-sandbox");
        this.server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(LocalLambdaRuntime.LOOPBACK), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free port) for calls with {@code apiKey}. */
    static ExchangerSandbox start(int port, String apiKey, PrintStream log) {
        return start(port, apiKey, Clock.systemUTC(), log);
    }

    static ExchangerSandbox start(int port, String apiKey, Clock clock, PrintStream log) {
        try {
            return new ExchangerSandbox(port, apiKey, clock, log);
        } catch (IOException e) {
            throw new UncheckedIOException("the exchanger sandbox could not listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** What our function is given as EXCHANGER_URL. */
    URI url() {
        return URI.create("http://" + LocalLambdaRuntime.LOOPBACK + ":" + port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Matcher pay = PAY.matcher(path);
            Matcher show = SHOW.matcher(path);
            if (path.equals(CREATE) || path.equals(INFO)) {
                api(exchange, method, path);
            } else if (pay.matches()) {
                if (allowed(exchange, method, "POST")) {
                    pay(exchange, pay.group(1));
                }
            } else if (show.matches()) {
                if (allowed(exchange, method, "GET")) {
                    Order order = orders.get(show.group(1));
                    if (order == null) {
                        Exchanges.sendJson(exchange, 404, message("Order not found"));
                    } else {
                        Exchanges.sendJson(exchange, 200, describe(order).put("routeId", order.routeId())
                                .put("ipnUrl", order.ipnUrl()).toString());
                    }
                }
            } else {
                Exchanges.sendJson(exchange, 404, message("Not Found"));
            }
        } finally {
            exchange.close();
        }
    }

    private void api(HttpExchange exchange, String method, String path) throws IOException {
        if (!keyMatches(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            log("exchanger sandbox: " + method + " " + path + " -> 401 (missing or wrong x-api-key)");
            Exchanges.sendJson(exchange, 401, message("Unauthorized: invalid API key"));
            return;
        }
        if (path.equals(CREATE)) {
            if (allowed(exchange, method, "POST")) {
                create(exchange);
            }
        } else if (allowed(exchange, method, "GET")) {
            String orderId = form(exchange.getRequestURI().getRawQuery()).get("orderId");
            Order order = orderId == null ? null : orders.get(orderId);
            if (orderId == null || orderId.isBlank()) {
                Exchanges.sendJson(exchange, 400, message("orderId is required"));
            } else if (order == null) {
                Exchanges.sendJson(exchange, 404, message("Order not found"));
            } else {
                Exchanges.sendJson(exchange, 200, describe(order).toString());
            }
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

    private boolean keyMatches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                apiKey.getBytes(StandardCharsets.UTF_8));
    }

    private void create(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange, MAX_BODY_BYTES);
        Map<String, String> form = body == null ? null : form(new String(body, StandardCharsets.UTF_8));
        String problem = form == null ? "the form is too large" : problem(form);
        if (problem != null) {
            log("exchanger sandbox: POST " + CREATE + " -> 400 (" + problem + ")");
            Exchanges.sendJson(exchange, 400, message(problem));
            return;
        }
        Route route = ROUTES.get(form.get("routeId"));
        BigDecimal amount = new BigDecimal(form.get("amount").trim());
        String inAmount = plain(amount.divide(route.rate(), route.decimals(), RoundingMode.UP));
        String orderId = objectId();
        String expiresAt = clock.instant().plus(ORDER_LIFETIME).truncatedTo(ChronoUnit.SECONDS).toString();
        Order order = new Order(uids.incrementAndGet(), orderId, form.get("routeId"), "new", inAmount, inAmount,
                plain(amount), address(route.addressKind()), expiresAt, form.get("ipnUrl"), form.get("ipnSecret"));
        orders.put(orderId, order);
        log("exchanger sandbox: POST " + CREATE + " -> 200 order " + orderId + " (send " + inAmount + " "
                + route.xmlFrom() + " for " + order.outAmount() + " " + route.xmlTo() + "; IPNs to "
                + order.ipnUrl() + ")");
        Exchanges.sendJson(exchange, 200, describe(order).toString());
    }

    /** What the exchanger would refuse in a new order, or null. */
    static String problem(Map<String, String> form) {
        for (String field : List.of("routeId", "partner", "amount", "ipnUrl", "ipnSecret")) {
            String value = form.get(field);
            if (value == null || value.isBlank()) {
                return field + " is required";
            }
        }
        if (!ROUTES.containsKey(form.get("routeId"))) {
            return "no route " + form.get("routeId");
        }
        BigDecimal amount = decimal(form.get("amount"));
        if (amount == null || amount.signum() <= 0) {
            return "amount must be a positive number";
        }
        try {
            URI ipnUrl = new URI(form.get("ipnUrl"));
            String scheme = ipnUrl.getScheme();
            if (!("http".equals(scheme) || "https".equals(scheme)) || ipnUrl.getHost() == null) {
                return "ipnUrl must be an http(s) URL";
            }
        } catch (URISyntaxException e) {
            return "ipnUrl must be an http(s) URL";
        }
        return null;
    }

    private ObjectNode describe(Order order) {
        return mapper.createObjectNode().put("orderId", order.orderId()).put("orderUID", order.orderUid())
                .put("status", order.status()).put("inAmount", order.inAmount()).put("outAmount", order.outAmount())
                .put("address", order.address()).put("expiresAt", order.expiresAt());
    }

    private void pay(HttpExchange exchange, String orderId) throws IOException {
        Order order = orders.get(orderId);
        if (order == null) {
            Exchanges.sendJson(exchange, 404, message("Order not found"));
            return;
        }
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        BigDecimal sent = query.containsKey("amount") ? decimal(query.get("amount")) : new BigDecimal(order.asked());
        Route route = ROUTES.get(order.routeId());
        if (sent == null || sent.signum() <= 0 || sent.stripTrailingZeros().scale() > route.decimals()) {
            Exchanges.sendJson(exchange, 400, message("amount must be a positive number with at most "
                    + route.decimals() + " decimals (in " + route.xmlFrom() + ")"));
            return;
        }
        boolean skipIpn = "true".equals(query.get("skipIpn"));
        String inAmount = plain(sent);
        // what the exchanger pays out for what came: all of it for the amount asked, else at the route's rate
        String outAmount = inAmount.equals(order.asked()) ? order.outAmount()
                : plain(sent.multiply(route.rate()).setScale(2, RoundingMode.DOWN));
        // the buyer pays once: only a new order moves, and only one call moves it
        Order first = order.moved(PAID_STATUSES.get(0), inAmount, outAmount);
        if (!order.status().equals("new") || !orders.replace(orderId, order, first)) {
            Exchanges.sendJson(exchange, 409, message("the order is already " + orders.get(orderId).status()));
            return;
        }
        log("exchanger sandbox: order " + orderId + " paid (" + inAmount + " of " + order.asked() + " "
                + route.xmlFrom() + ")" + (skipIpn ? "; its IPNs are lost (skipIpn)" : "; IPNs to " + order.ipnUrl()));
        List<Ipn> ipns = new ArrayList<>();
        for (String status : PAID_STATUSES) {
            Order now = first.moved(status, inAmount, outAmount);
            orders.put(orderId, now);
            ipns.add(skipIpn ? new Ipn(status, false, 0, "not sent (skipIpn)") : sendIpn(now, route));
        }
        ObjectNode json = describe(orders.get(orderId)).put("ipnUrl", order.ipnUrl());
        ArrayNode sentIpns = json.putArray("ipns");
        for (Ipn ipn : ipns) {
            ObjectNode row = sentIpns.addObject().put("newStatus", ipn.newStatus()).put("sent", ipn.sent());
            if (ipn.sent()) {
                row.put("status", ipn.status()).set("answer", Exchanges.jsonOrText(mapper, ipn.answer()));
            }
        }
        Exchanges.sendJson(exchange, 200, json.toString());
    }

    /** One IPN, once: the exchanger does not send an IPN again, whatever came back. */
    private Ipn sendIpn(Order order, Route route) {
        String timestamp = Long.toString(clock.millis());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("orderUID", Long.toString(order.orderUid()));
        form.put("orderId", order.orderId());
        form.put("newStatus", order.status());
        form.put("inAmount", order.inAmount());
        form.put("outAmount", order.outAmount());
        form.put("xml_from", route.xmlFrom());
        form.put("xml_to", route.xmlTo());
        form.put("timestamp", timestamp);
        form.put("hash", ExchangerIpnSignature.checksum(new ExchangerIpnSignature.Fields(order.orderId(),
                order.status(), order.inAmount(), order.outAmount(), route.xmlFrom(), route.xmlTo(), timestamp),
                order.ipnSecret()));
        CallbackPost.Answer answer = CallbackPost.send(http, () -> HttpRequest.newBuilder(URI.create(order.ipnUrl()))
                .timeout(IPN_TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), 1, Duration.ZERO,
                tried -> log("exchanger sandbox: IPN " + order.status() + " for " + order.orderId() + " -> "
                        + CallbackPost.describe(tried) + " (sent once, never again)"));
        return new Ipn(order.status(), true, answer.status(), answer.body());
    }

    /** A MongoDB ObjectId, as the exchanger's ids are: 4 bytes of seconds, 8 random bytes. */
    private String objectId() {
        byte[] rest = new byte[8];
        random.nextBytes(rest);
        return String.format("%08x", clock.instant().getEpochSecond()) + HexFormat.of().formatHex(rest);
    }

    /** A deposit address of the route's chain's shape (not a real one: nothing is ever sent to it). */
    private String address(String kind) {
        return switch (kind) {
            case "tron" -> "T" + randomOf(BASE58, 33);
            case "ton" -> "UQ" + randomOf(BASE64URL, 46);
            default -> "0x" + randomOf("0123456789abcdef", 40);
        };
    }

    private String randomOf(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A form or query string's fields (the first of each name). */
    static Map<String, String> form(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text == null) {
            return fields;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                fields.putIfAbsent(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals),
                        StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                // a field that is not form data is no field
            }
        }
        return fields;
    }

    private static String encode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static BigDecimal decimal(String text) {
        try {
            return text == null ? null : new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An amount as the exchanger writes it: "10", "317.42", never "10.000000". */
    private static String plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
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
        all.sort(Comparator.comparingLong(Order::orderUid).reversed());
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
