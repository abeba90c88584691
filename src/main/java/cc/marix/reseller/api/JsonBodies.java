package cc.marix.reseller.api;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;

import cc.marix.reseller.support.PerMapper;

/** Reads a request body as one JSON object: 400 when it is not JSON, 422 (FastAPI's shape) when not an object. */
public final class JsonBodies {

    private static final byte[] UTF8_BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
    private static final PerMapper<ObjectReader> STRICT_READER = new PerMapper<>(json -> json.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));

    private JsonBodies() {
    }

    public static JsonNode readObject(byte[] body, ObjectMapper json) {
        JsonNode root = read(body, json);
        if (!root.isObject()) {
            throw ApiException.invalid(List.of(
                    Violation.of("Input should be a valid dictionary", "model_attributes_type", "body")));
        }
        return root;
    }

    /**
     * The body as one JSON document, read strictly: UTF-8 only (no UTF-16 or UTF-32 guessed from the bytes, no
     * broken sequences), each key once, nothing after the document. A body that one parser reads one way and another
     * parser another way (a second value for a key, a second document) could carry past a signature what the signer
     * never meant. Null or missing when the body is empty.
     */
    public static JsonNode strict(byte[] body, ObjectMapper json) throws IOException {
        if (!wellFormedUtf8(body)) {
            throw new CharacterCodingException();
        }
        if (Arrays.equals(body, UTF8_BYTE_ORDER_MARK)) {
            // nothing but the mark: empty, as a body that is nothing (Jackson skips a mark only before something)
            return MissingNode.getInstance();
        }
        // read from the bytes (issue 14: no text decoded first): checked above, they can only be read as UTF-8, since
        // Jackson guesses UTF-16 or UTF-32 only from a byte order mark that is no UTF-8, or from a zero byte, which
        // no JSON text holds; one UTF-8 byte order mark before the text it skips, as RFC 8259 lets a parser do
        return STRICT_READER.get(json).readTree(body);
    }

    /**
     * Well-formed UTF-8 as Java's strict decoder takes it (RFC 3629: no overlong form, no surrogate, nothing past
     * U+10FFFF, no sequence cut short) and without a zero byte, which JSON never holds unescaped.
     */
    static boolean wellFormedUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i];
            if (lead > 0) {
                i++;
                continue;
            }
            lead &= 0xFF;
            int length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                    : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
            if (length == 0 || i + length > bytes.length) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            // the second byte's range narrows after the leads that could start an overlong form, a surrogate or a
            // code point past U+10FFFF
            int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }

    private static JsonNode read(byte[] body, ObjectMapper json) {
        try {
            JsonNode root = strict(body, json);
            if (root == null || root.isMissingNode()) {
                throw ApiException.badRequest("malformed_json", "the body is empty; send a JSON object");
            }
            return root;
        } catch (JsonProcessingException | CharacterCodingException e) {
            // the parser's message quotes the body, which may hold anything: do not pass it on
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON (UTF-8, each key once)");
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the body could not be read");
        }
    }
}
