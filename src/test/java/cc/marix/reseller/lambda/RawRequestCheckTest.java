package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.testing.HttpEvents;

/** The checks on a raw HTTP event, one test per reason to refuse, each asserting the reason. */
class RawRequestCheckTest {

    @Test
    void refusal_shouldBeEmpty_forAnOrdinaryRequest() {
        assertTrue(RawRequestCheck.refusal(event("/api/products/caf%C3%A9", "limit=5&tag=a%20b",
                Map.of("content-type", "application/json; charset=utf-8", "authorization", "Bearer mk_x"), "{}"))
                .isEmpty());
    }

    @Test
    void refusal_shouldName_aHeaderWithControlCharacters() {
        assertEquals("malformed_header", code(event("/api/access/me", "", Map.of("x-currency", "rub\u0000"), null)));
        assertEquals("malformed_header", code(event("/api/access/me", "", Map.of("authorization", "Bearer a\r\nX: y"),
                null)));
    }

    @Test
    void refusal_shouldName_aBrokenPathOrQuery() {
        assertEquals("malformed_url", code(event("/api/products/%ZZ", "", Map.of(), null)));
        assertEquals("malformed_url", code(event("/api/products/%E", "", Map.of(), null)));
        assertEquals("malformed_url", code(event("/api/products/%FF%FE", "", Map.of(), null)));
        assertEquals("malformed_url", code(event("/api/products/a%00", "", Map.of(), null)));
        assertEquals("malformed_url", code(event("/api/products/", "withStockOnly=true%00", Map.of(), null)));
        assertEquals("malformed_url", code(event("/api/products/", "q=%C0%AF", Map.of(), null)));
    }

    @Test
    void refusal_shouldSay413_forABodyOverOneMebibyte() {
        ApiException refused = RawRequestCheck.refusal(event("/api/orders/", "", Map.of(),
                "x".repeat(RawRequestCheck.MAX_BODY_BYTES + 4))).orElseThrow();
        assertEquals(413, refused.status());
    }

    @Test
    void bodyBytes_shouldCountTheBytesTheFunctionReads_notTheCharacters() {
        String cyrillic = "\u0436".repeat(600_000);
        assertEquals(1_200_000, RawRequestCheck.bodyBytes(plain(cyrillic)));
        assertEquals(4, RawRequestCheck.bodyBytes(plain("\uD83D\uDE00")));
        assertEquals(3, RawRequestCheck.bodyBytes(plain("\u20AC")));
        assertEquals(1, RawRequestCheck.bodyBytes(base64(new byte[] { 1 })));
        assertEquals(2, RawRequestCheck.bodyBytes(base64(new byte[] { 1, 2 })));
        assertEquals(3, RawRequestCheck.bodyBytes(base64(new byte[] { 1, 2, 3 })));
        assertEquals(413, RawRequestCheck.refusal(plain(cyrillic)).orElseThrow().status());
        assertTrue(RawRequestCheck.refusal(base64(new byte[RawRequestCheck.MAX_BODY_BYTES])).isEmpty());
    }

    @Test
    void refusal_shouldRefuse_repeatedHeadersWeReadOnce() {
        ApiException key = RawRequestCheck.refusal(event("/api/access/me", "", Map.of("authorization",
                "Bearer a, Bearer b"), null)).orElseThrow();
        assertEquals(401, key.status());
        ApiException currency = RawRequestCheck.refusal(event("/api/access/me", "", Map.of("x-currency", "usd,rub"),
                null)).orElseThrow();
        assertEquals(422, currency.status());
        assertEquals("x-currency", currency.body().violations().get(0).loc().get(1));
    }

    private static APIGatewayV2HTTPEvent plain(String body) {
        APIGatewayV2HTTPEvent event = event("/api/orders/", "", Map.of(), null);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    private static APIGatewayV2HTTPEvent base64(byte[] body) {
        APIGatewayV2HTTPEvent event = event("/api/orders/", "", Map.of(), null);
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        return event;
    }

    private static String code(APIGatewayV2HTTPEvent event) {
        return RawRequestCheck.refusal(event).map(ApiException::code).orElse("none");
    }

    private static APIGatewayV2HTTPEvent event(String path, String query, Map<String, String> headers, String body) {
        return HttpEvents.event("GET", path, query, headers, body == null ? null : body.getBytes(
                StandardCharsets.UTF_8));
    }
}
