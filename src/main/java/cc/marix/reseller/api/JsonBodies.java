package cc.marix.reseller.api;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a request body as one JSON object: 400 when it is not JSON, 422 (FastAPI's shape) when not an object. */
public final class JsonBodies {

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

    private static JsonNode read(byte[] body, ObjectMapper json) {
        try {
            // a key given twice must not mean one thing to the sender's parser and another to ours
            JsonNode root = json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(body);
            if (root == null || root.isMissingNode()) {
                throw ApiException.badRequest("malformed_json", "the body is empty; send a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            // the parser's message quotes the body, which may hold anything: do not pass it on
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON (UTF-8, each key once)");
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the body could not be read");
        }
    }
}
