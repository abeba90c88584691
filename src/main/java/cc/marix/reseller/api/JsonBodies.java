package cc.marix.reseller.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import cc.marix.reseller.support.PerMapper;

/** Reads a request body as one JSON object: 400 when it is not JSON, 422 (FastAPI's shape) when not an object. */
public final class JsonBodies {

    private static final String BYTE_ORDER_MARK = "\uFEFF";
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
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        if (text.startsWith(BYTE_ORDER_MARK)) {
            // a UTF-8 BOM is legal before a JSON text (RFC 8259 lets a parser ignore it); Jackson skips it only when
            // it reads bytes, and some senders' libraries write one
            text = text.substring(1);
        }
        return STRICT_READER.get(json).readTree(text);
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
