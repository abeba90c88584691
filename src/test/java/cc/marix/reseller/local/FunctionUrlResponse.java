package cc.marix.reseller.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * Turns a function's answer to a payload 2.0 event into the HTTP response, as AWS does: an object with
 * {@code statusCode} is an APIGatewayV2HTTPResponse ({@code headers}, {@code multiValueHeaders}, {@code cookies},
 * {@code body}, {@code isBase64Encoded}); any other JSON answer is sent as a 200 {@code application/json} body.
 */
final class FunctionUrlResponse {

    // The HTTP server frames and dates the response itself; the function's copies would contradict it.
    private static final Set<String> SET_BY_SERVER = Set.of("content-length", "date");

    private FunctionUrlResponse() {
    }

    /** Returns false, having sent nothing, when the answer is not JSON (AWS answers 502 then). */
    static boolean write(HttpExchange exchange, String answer, ObjectMapper mapper) throws IOException {
        JsonNode response;
        try {
            response = mapper.readTree(answer);
        } catch (IOException notJson) {
            return false;
        }
        if (response == null || !response.isObject() || !response.has("statusCode")) {
            Exchanges.sendJson(exchange, 200, answer);
            return true;
        }
        Headers headers = exchange.getResponseHeaders();
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            if (!isFraming(header.getKey())) {
                headers.set(header.getKey(), header.getValue().asText());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("multiValueHeaders").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            // Where both forms name a header, the single-value one already carries the joined values.
            if (!isFraming(header.getKey()) && !headers.containsKey(header.getKey())) {
                header.getValue().forEach(value -> headers.add(header.getKey(), value.asText()));
            }
        }
        response.path("cookies").forEach(cookie -> headers.add("Set-Cookie", cookie.asText()));
        JsonNode body = response.path("body");
        byte[] bytes = body.isTextual() ? bodyBytes(body.asText(), response.path("isBase64Encoded").asBoolean())
                : new byte[0];
        Exchanges.send(exchange, response.path("statusCode").asInt(200), bytes);
        return true;
    }

    private static byte[] bodyBytes(String body, boolean base64) {
        return base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isFraming(String header) {
        return SET_BY_SERVER.contains(header.toLowerCase(Locale.ROOT)) || Exchanges.isHopByHop(header);
    }
}
