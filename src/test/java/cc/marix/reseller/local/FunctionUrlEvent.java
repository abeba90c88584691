package cc.marix.reseller.local;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Builds the event AWS sends for an HTTP request to a Function URL or an HTTP API route: payload format 2.0, route
 * {@code $default}. As in AWS, header names are lower-cased and repeated headers joined with commas, connection
 * headers are dropped, cookies move from the {@code cookie} header to {@code cookies}, repeated query parameters are
 * joined with commas, and the body is text only when it is valid UTF-8 with a textual content type; anything else
 * arrives base64-encoded.
 */
final class FunctionUrlEvent {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private FunctionUrlEvent() {
    }

    static String of(HttpExchange exchange, byte[] body, ObjectMapper mapper) {
        Instant now = Instant.now();
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        Map<String, String> headers = headers(exchange, sourceIp);
        List<String> cookies = cookies(exchange);
        Map<String, String> query = queryParameters(rawQuery);
        String host = headers.getOrDefault("host", LocalLambdaRuntime.LOOPBACK);
        String domainName = host.replaceFirst(":\\d+$", "");

        ObjectNode event = mapper.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        headers.forEach(event.putObject("headers")::put);
        if (!query.isEmpty()) {
            query.forEach(event.putObject("queryStringParameters")::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "anonymous");
        context.put("apiId", "local");
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.split("\\.", 2)[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", rawPath);
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", sourceIp);
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (body.length > 0) {
            boolean text = isText(headers.get("content-type")) && isUtf8(body);
            event.put("body", text ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    private static Map<String, String> headers(HttpExchange exchange, String sourceIp) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("cookie") && !Exchanges.isHopByHop(lower)) {
                headers.put(lower, String.join(",", values));
            }
        });
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));
        return headers;
    }

    private static List<String> cookies(HttpExchange exchange) {
        List<String> cookies = new ArrayList<>();
        List<String> headers = exchange.getRequestHeaders().get("Cookie");
        if (headers != null) {
            for (String header : headers) {
                for (String cookie : header.split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.trim());
                    }
                }
            }
        }
        return cookies;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (first, next) -> first + "," + next);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // A broken %-escape reaches the function as sent rather than failing the whole request here.
            return text;
        }
    }

    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("javascript")
                || type.contains("yaml") || (type.contains("xml") && !type.contains("openxmlformats"));
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
