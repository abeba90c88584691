package cc.marix.reseller.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.signing.SignatureVerificationException;
import cc.marix.reseller.signing.StandardWebhookSignature;

/**
 * The partner's side of local runs: an HTTP endpoint on 127.0.0.1 that takes every {@code POST /callbacks/**}, checks
 * {@code X-Signature} (and the Standard Webhooks {@code webhook-signature}) against the partner's secret, logs what
 * came (path, webhook-id, whether the signatures hold, the JSON body) and answers 200, as a partner acknowledging the
 * callback would. {@code GET} on a callback path answers how many callbacks came there and how many were verified
 * (scripts/smoke.sh counts them). Anything else is answered 404 (405 for another method).
 */
final class PartnerCallbackSink implements AutoCloseable {

    static final String PATH = "/callbacks/";
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final ObjectMapper SUMMARY = new ObjectMapper();

    /** One callback as the sink saw it. */
    record Callback(String path, String webhookId, boolean signatureValid, boolean webhookSignatureValid,
            String body) {
    }

    private final String secret;
    private final PrintStream log;
    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Callback> received = new CopyOnWriteArrayList<>();

    private PartnerCallbackSink(int port, String secret, PrintStream log) throws IOException {
        this.secret = secret;
        this.log = log;
        this.threads = DaemonThreads.pool("callback-sink");
        this.server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(LocalLambdaRuntime.LOOPBACK), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free port) and verifies callbacks with {@code secret}. */
    static PartnerCallbackSink start(int port, String secret, PrintStream log) {
        try {
            return new PartnerCallbackSink(port, secret, log);
        } catch (IOException e) {
            throw new UncheckedIOException("the partner callback sink could not listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The callback URL a partner would give us for this order. */
    URI callbackUrl(String externalOrderId) {
        return URI.create("http://" + LocalLambdaRuntime.LOOPBACK + ":" + port() + PATH + externalOrderId);
    }

    /** Every callback received so far, oldest first. */
    List<Callback> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (!path.startsWith(PATH)) {
                Exchanges.sendJson(exchange, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            if ("GET".equals(exchange.getRequestMethod())) {
                Exchanges.sendJson(exchange, 200, summary(path));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                Exchanges.sendJson(exchange, 405, "{\"message\":\"Method Not Allowed\"}");
                return;
            }
            byte[] body = Exchanges.readBody(exchange, MAX_BODY_BYTES);
            if (body == null) {
                Exchanges.sendJson(exchange, 413, "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            Callback callback = check(path, exchange, body);
            received.add(callback);
            log.println("run-local: partner callback POST " + printable(path) + "  webhook-id "
                    + printable(callback.webhookId()) + "  X-Signature " + verdict(callback.signatureValid())
                    + " (demo partner's secret), webhook-signature " + verdict(callback.webhookSignatureValid())
                    + " -> 200");
            log.println("run-local: partner callback body " + printable(callback.body()));
            log.flush();
            Exchanges.sendJson(exchange, 200, "{\"received\":true}");
        } finally {
            exchange.close();
        }
    }

    /**
     * What came to one callback path, for scripts/smoke.sh (bash and curl, no JSON parser): how many callbacks and how
     * many of them carried both signatures valid. No body, so nothing an order holds is served back.
     */
    private String summary(String path) {
        List<Callback> callbacks = received.stream().filter(callback -> callback.path().equals(path)).toList();
        long verified = callbacks.stream()
                .filter(callback -> callback.signatureValid() && callback.webhookSignatureValid()).count();
        return SUMMARY.createObjectNode().put("path", path).put("received", callbacks.size())
                .put("verified", verified).toString();
    }

    private Callback check(String path, HttpExchange exchange, byte[] body) {
        var headers = exchange.getRequestHeaders();
        boolean signature;
        try {
            PartnerSignature.verify(body, headers.getFirst("X-Signature"), List.of(secret));
            signature = true;
        } catch (SignatureVerificationException e) {
            signature = false;
        }
        String webhookId = headers.getFirst("webhook-id");
        boolean webhookSignature = false;
        String presented = headers.getFirst("webhook-signature");
        try {
            long timestamp = Long.parseLong(String.valueOf(headers.getFirst("webhook-timestamp")));
            if (webhookId != null && presented != null) {
                String expected = StandardWebhookSignature.sign(secret, webhookId, timestamp, body);
                webhookSignature = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        presented.getBytes(StandardCharsets.UTF_8));
            }
        } catch (NumberFormatException missingOrMalformed) {
            webhookSignature = false;
        }
        return new Callback(path, webhookId, signature, webhookSignature, new String(body, StandardCharsets.UTF_8));
    }

    private static String verdict(boolean valid) {
        return valid ? "verified" : "INVALID";
    }

    /** Keeps a log line on one line and free of terminal control characters. */
    private static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
