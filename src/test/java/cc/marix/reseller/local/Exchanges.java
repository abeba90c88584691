package cc.marix.reseller.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;

/** Reading and answering JDK HttpServer exchanges, the same way for the runtime API and the HTTP front. */
final class Exchanges {

    // Headers about one HTTP connection, which a proxy such as a Function URL consumes instead of passing on.
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "http2-settings");

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

    /** The request body, or null when it is longer than {@code limit} bytes (the rest is left unread). */
    static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? null : body;
        }
    }
}
