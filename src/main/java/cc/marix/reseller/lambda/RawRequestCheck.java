package cc.marix.reseller.lambda;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.Violation;

/**
 * Refuses an HTTP event the HTTP layer would otherwise choke on, before it gets there: a header with control
 * characters, a path or query with a broken % escape or broken UTF-8, a body over the size limit, a body in another
 * content type than the route reads, or one of the headers we read once given several times. Without this, the Lambda
 * HTTP adapter and Vert.x answer such requests themselves, with a 500 or an empty 400/413, or pass on the first of
 * several values. Pure: no I/O.
 */
public final class RawRequestCheck {

    /** The same limit as {@code quarkus.http.limits.max-body-size}. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Set<String> SINGLE_VALUED = Set.of("x-currency", "x-language");

    private RawRequestCheck() {
    }

    /** Why this event is refused, or empty when it may go on. */
    public static Optional<ApiException> refusal(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (hasControl(header.getKey()) || header.getValue() != null && hasControl(header.getValue())) {
                return Optional.of(ApiException.badRequest("malformed_header",
                        "a header holds control characters"));
            }
        }
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        if (!decodable(path)) {
            return Optional.of(ApiException.badRequest("malformed_url",
                    "the path has a broken % escape, broken UTF-8 or control characters"));
        }
        String query = event.getRawQueryString() == null ? "" : event.getRawQueryString();
        if (!decodable(query)) {
            return Optional.of(ApiException.badRequest("malformed_url",
                    "the query has a broken % escape, broken UTF-8 or control characters"));
        }
        Optional<ApiException> oversized = oversized(event);
        if (oversized.isPresent()) {
            return oversized;
        }
        return repeatedHeader(headers);
    }

    /** A body over the HTTP layer's limit, which would get an empty 413 from it. */
    public static Optional<ApiException> oversized(APIGatewayV2HTTPEvent event) {
        return bodyBytes(event) > MAX_BODY_BYTES
                ? Optional.of(ApiException.tooLarge("a body or event is at most " + MAX_BODY_BYTES + " bytes"))
                : Optional.empty();
    }

    /**
     * API Gateway joins a repeated header's values with commas, and the adapter hands the resource only the first:
     * a second key or currency would be silently dropped. None of these headers has a comma in a valid value.
     */
    private static Optional<ApiException> repeatedHeader(Map<String, String> headers) {
        String authorization = header(headers, "authorization");
        if (authorization != null && authorization.indexOf(',') >= 0) {
            return Optional.of(ApiException.unauthorized("invalid_api_key", "send one Authorization: Bearer <key>"));
        }
        for (String name : SINGLE_VALUED) {
            String value = header(headers, name);
            if (value != null && value.indexOf(',') >= 0) {
                return Optional.of(ApiException.invalid(List.of(Violation.of("Input should be a single value",
                        "enum", "header", name))));
            }
        }
        return Optional.empty();
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** The body's size in bytes as the function will read it: decoded base64, or the UTF-8 of the text. */
    static long bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return 0;
        }
        if (event.getIsBase64Encoded()) {
            int padding = body.endsWith("==") ? 2 : body.endsWith("=") ? 1 : 0;
            return (long) body.length() * 3 / 4 - padding;
        }
        long bytes = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                // with its low surrogate, one four-byte code point
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** Whether every % escape is complete and the decoded bytes are UTF-8 without control characters. */
    static boolean decodable(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
            return !hasControl(decoded);
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
