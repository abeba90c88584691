package cc.marix.reseller.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The category listing's opaque cursor: base64url (no padding) of {@code {"v":1,"after":"<last slug shown>"}}.
 * It is a position, not a permission: a client that edits it only moves where its next page starts, so it needs no
 * signature, but anything that is not exactly this shape is refused (422), never a 500.
 */
final class CategoryCursor {

    static final int VERSION = 1;
    static final int MAX_LENGTH = 256;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CategoryCursor() {
    }

    static String after(String slug) {
        ObjectNode cursor = JSON.createObjectNode().put("v", VERSION).put("after", slug);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(cursor));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The slug the cursor points after; empty when it is not a cursor this API issued (in shape). */
    static Optional<String> slugAfter(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject() || node.size() != 2 || !node.path("v").isInt()
                    || node.path("v").asInt() != VERSION || !node.path("after").isTextual()) {
                return Optional.empty();
            }
            String slug = node.path("after").asText();
            return CatalogRefs.isSlug(slug) ? Optional.of(slug) : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            // not base64url, not UTF-8 (CharacterCodingException is an IOException), or not JSON
            return Optional.empty();
        }
    }
}
