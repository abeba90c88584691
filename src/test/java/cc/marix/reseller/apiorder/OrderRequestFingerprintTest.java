package cc.marix.reseller.apiorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import cc.marix.reseller.lambda.LambdaEventCodec;
import cc.marix.reseller.signing.Sha256;

/**
 * The order request's fingerprint is stored with its idempotency key and compared on every retry, so it must not
 * change between versions: the same bodies give the same fingerprints as the first way of computing it (kept here as
 * the reference), and a fixed body its recorded value.
 */
class OrderRequestFingerprintTest {

    /** As the application's mapper reads and writes numbers (exact decimals: {@code LambdaEventCodec}). */
    private static final ObjectMapper JSON = applicationLike();
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final List<String> BODIES = List.of(
            "{\"items\":[{\"itemId\":\"p-1\",\"quantity\":1}],\"idempotencyKey\":\"k1\"}",
            "{\"items\":[{\"itemId\":\"p-1\",\"quantity\":1,\"note\":{}}],\"idempotencyKey\":\"k1\",\"isMock\":false}",
            "{\"items\":[{\"itemId\":\"p-1\",\"quantity\":3,\"totalPrice\":\"4990.00\"}],\"isMock\":true}",
            "{\"items\":[{\"itemId\":\"p-2\",\"quantity\":2,\"note\":{\"z\":1,\"a\":{\"y\":[1,2.50,\"x\"],\"b\":null},"
                    + "\"m\":\"тест\\u00e9\\n\",\"n\":12345678901234567890,\"f\":1.0e3,\"t\":true}}],"
                    + "\"idempotencyKey\":\"ключ\"}",
            "{\"items\":[{\"itemId\":\"a\",\"quantity\":1,\"note\":{\"email\":\"a@b.c\"}},"
                    + "{\"itemId\":\"b\",\"quantity\":7,\"note\":{},\"totalPrice\":12.5}]}",
            "{\"items\":[{\"itemId\":\"c\",\"quantity\":1,\"note\":null},{\"itemId\":\"d\u00e9\",\"quantity\":2,"
                    + "\"note\":{\"gift\":\"\ud83c\udf81 \\\" \\\\ </\"}}],\"idempotencyKey\":\"\ud83d\ude00\"}",
            // a lone surrogate, escaped: legal JSON text, and it was fingerprinted
            "{\"items\":[{\"itemId\":\"e\",\"quantity\":1,\"note\":{\"g\":\"\\ud800\"}}]}");

    @Test
    void fingerprint_shouldStayWhatItWas_forEveryShapeOfBody() {
        for (ObjectMapper json : List.of(JSON, PLAIN)) {
            for (String body : BODIES) {
                for (String currency : List.of("rub", "usd")) {
                    OrderRequest request = OrderRequestParser.parse(body.getBytes(StandardCharsets.UTF_8), currency,
                            json, 100);
                    assertEquals(reference(json, request.items(), request.idempotencyKey(), request.isMock(),
                            currency), request.fingerprint(), body);
                }
            }
        }
    }

    @Test
    void fingerprint_ofAFixedBody_shouldBeItsRecordedValue() {
        OrderRequest request = OrderRequestParser.parse(BODIES.get(3).getBytes(StandardCharsets.UTF_8), "rub", JSON,
                100);
        // computed by the reference below, with the application's number handling, when first built this way
        assertEquals("b874ccf1a71cbdf46853c55f1671286375bc508776d5b23bba807715fcd66381", request.fingerprint());
        assertNotEquals(request.fingerprint(), OrderRequestParser.parse(BODIES.get(3).replace("\"z\":1", "\"z\":2")
                .getBytes(StandardCharsets.UTF_8), "rub", JSON, 100).fingerprint(), "a note's value counts");
        assertEquals(OrderRequestParser.parse(BODIES.get(0).getBytes(StandardCharsets.UTF_8), "rub", JSON, 100)
                .fingerprint(), OrderRequestParser.parse(BODIES.get(1).getBytes(StandardCharsets.UTF_8), "rub", JSON,
                        100).fingerprint(), "an empty note and isMock false, written or not, are the same order");
    }

    /** The fingerprint as first built: every note converted, a writer made for each call. */
    private static String reference(ObjectMapper json, List<OrderRequest.Item> items, String key, boolean mock,
            String currency) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (OrderRequest.Item item : items) {
            Map<String, Object> line = new TreeMap<>();
            line.put("itemId", item.itemId());
            line.put("quantity", item.quantity());
            line.put("note", json.convertValue(item.note(), Map.class));
            line.put("totalPrice", item.totalPrice() == null ? null : item.totalPrice().stripTrailingZeros()
                    .toPlainString());
            lines.add(line);
        }
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("items", lines);
        canonical.put("idempotencyKey", key);
        canonical.put("isMock", mock);
        canonical.put("currency", currency);
        try {
            return Sha256.hex(json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectMapper applicationLike() {
        ObjectMapper json = new ObjectMapper();
        new LambdaEventCodec().customize(json);
        return json;
    }
}
