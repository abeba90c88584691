package cc.marix.reseller.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * Reading and answering JDK HttpServer exchanges, the same way for the runtime API, the HTTP front and the provider
 * sandboxes.
 */
final class Exchanges {

    // Headers about one HTTP connection, which a proxy such as a Function URL consumes instead of passing on.
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "http2-settings");

    // Beyond this, a too-long body's connection is dropped unread: the fronts are for tests and local runs.
    private static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

    private Exchanges() {
    }

    static boolean isHopByHop(String header) {
        return HOP_BY_HOP.contains(header.toLowerCase(Locale.ROOT));
    }

    static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    static void sendHtml(HttpExchange exchange, int status, String html) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        send(exchange, status, html.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the body with an exact length; no body at all for HEAD, 204 and 304, which must not carry one. */
    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean bodiless = "HEAD".equals(exchange.getRequestMethod()) || status == 204 || status == 304;
        if (bodiless || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** JSON for a caller that accepts it (curl -H 'Accept: application/json'), else a small page for a browser. */
    static void replyJsonOrPage(HttpExchange exchange, int status, String json, String title, String htmlBody)
            throws IOException {
        String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
        if (accept.contains("application/json")) {
            sendJson(exchange, status, json);
        } else {
            sendHtml(exchange, status, page(title, htmlBody));
        }
    }

    /** A whole HTML page around {@code htmlBody} (already escaped where it must be). */
    static String page(String title, String htmlBody) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escapeHtml(title)
                + "</title></head><body>" + htmlBody + "</body></html>";
    }

    static String escapeHtml(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** What our function answered a sandbox's callback: its JSON, or the text itself when it was not JSON. */
    static JsonNode jsonOrText(ObjectMapper mapper, String answer) {
        try {
            return mapper.readTree(answer);
        } catch (IOException notJson) {
            return mapper.getNodeFactory().textNode(answer);
        }
    }

    /**
     * The request body, or null when it is longer than {@code limit} bytes. The rest of a longer body is read and
     * dropped, up to {@link #MAX_DRAINED_BYTES}: a server that closes the connection with the client's bytes unread
     * makes the kernel reset it, and a client still writing its body fails on the write and never reads the 413 (a CI
     * run lost a 10 MiB request's answer so).
     */
    static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length <= limit) {
                return body;
            }
            drain(in);
            return null;
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long left = MAX_DRAINED_BYTES;
        int read;
        while (left > 0 && (read = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
            left -= read;
        }
    }
}
