package cc.marix.reseller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The strict reader refuses what parsers disagree on, and reads every legal JSON text as any parser would. */
class JsonBodiesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void strict_shouldReadABodyWithAUtf8ByteOrderMark_asWithout() throws IOException {
        byte[] body = "\uFEFF{\"qty\":1}".getBytes(StandardCharsets.UTF_8);

        assertEquals(1, JsonBodies.strict(body, json).path("qty").asInt());
    }

    @Test
    void strict_shouldRefuseADuplicateKey_aSecondDocument_andBrokenUtf8() {
        assertThrows(IOException.class, () -> JsonBodies.strict(utf8("{\"qty\":1,\"qty\":9}"), json));
        assertThrows(IOException.class, () -> JsonBodies.strict(utf8("{\"qty\":1} {\"qty\":9}"), json));
        assertThrows(IOException.class, () -> JsonBodies.strict(new byte[] { '{', '"', (byte) 0xC3, '"', '}' }, json));
        // a byte-order mark only where one may stand: before the text
        assertThrows(IOException.class, () -> JsonBodies.strict(utf8("{\"qty\":1}\uFEFF"), json));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
