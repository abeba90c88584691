package cc.marix.reseller.apiorder;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.catalog.Product;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What an order keeps of the product it bought, as it was when ordered: the order shows what was sold even after the
 * catalog changes. Texts are kept in every language, so the order can be read in either. A product whose
 * {@code userGuide} and {@code attributes} together exceed {@value #MAX_EXTRAS_BYTES} bytes is kept without them, so an
 * order of ten items stays far below DynamoDB's 400 KB item limit.
 */
@RegisterForReflection
public record ProductSnapshot(String id, String slug, String categoryId, Map<String, String> name,
        Map<String, String> userGuide, JsonNode attributes, boolean isService) {

    static final int MAX_EXTRAS_BYTES = 10_000;

    static ProductSnapshot of(Product product, ObjectMapper json) {
        boolean small;
        try {
            small = json.writeValueAsBytes(product.userGuide()).length
                    + json.writeValueAsBytes(product.attributes()).length <= MAX_EXTRAS_BYTES;
        } catch (JsonProcessingException e) {
            small = false;
        }
        return new ProductSnapshot(product.id(), product.slug(), product.categoryId(), product.name(),
                small ? product.userGuide() : null, small ? product.attributes() : null, product.isService());
    }
}
