package cc.marix.reseller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
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

    @Test
    void strict_shouldReadABodyOfNothingButAByteOrderMark_asAnEmptyBody() throws IOException {
        JsonNode empty = JsonBodies.strict(new byte[0], json);
        JsonNode markOnly = JsonBodies.strict(utf8("\uFEFF"), json);

        assertTrue(empty == null || empty.isMissingNode(), String.valueOf(empty));
        assertTrue(markOnly == null || markOnly.isMissingNode(), String.valueOf(markOnly));
        assertThrows(IOException.class, () -> JsonBodies.strict(utf8("\uFEFF\uFEFF{}"), json), "one mark only");
        assertTrue(JsonBodies.strict(utf8("\uFEFF "), json).isMissingNode(), "a mark and white space");
    }

    @Test
    void strict_shouldRefuseUtf16AndUtf32_whichAParserReadingBytesWouldGuess() {
        for (String charset : List.of("UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE")) {
            byte[] body = "{\"qty\":1}".getBytes(Charset.forName(charset));
            assertThrows(IOException.class, () -> JsonBodies.strict(body, json), charset);
        }
        assertThrows(IOException.class, () -> JsonBodies.strict(new byte[] { '{', '}', 0 }, json), "a zero byte");
    }

    @Test
    void wellFormedUtf8_shouldTakeExactlyWhatJavasStrictDecoderTakes_withoutAZeroByte() {
        Random random = new Random(3629);
        // leads, continuations and the boundaries where overlong forms, surrogates and U+10FFFF begin
        int[] interesting = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF };
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = new byte[random.nextInt(7)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) interesting[random.nextInt(interesting.length)];
            }
            assertEquals(strictlyDecodes(bytes) && !hasZero(bytes), JsonBodies.wellFormedUtf8(bytes),
                    HexFormat.of().formatHex(bytes));
        }
        assertTrue(JsonBodies.wellFormedUtf8(utf8("тест é \uD83C\uDF81 \uFFFF \uD7FF \uE000")));
    }

    private static boolean strictlyDecodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean hasZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
