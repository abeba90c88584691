package cc.marix.reseller.apiorder;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.catalog.Product;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What an order keeps of the product it bought, as it was when ordered: the order shows what was sold even after the
 * catalog changes. Texts are kept in every language, so the order can be read in either.
 */
@RegisterForReflection
public record ProductSnapshot(String id, String slug, String categoryId, Map<String, String> name,
        Map<String, String> userGuide, JsonNode attributes, boolean isService) {

    static ProductSnapshot of(Product product) {
        return new ProductSnapshot(product.id(), product.slug(), product.categoryId(), product.name(),
                product.userGuide(), product.attributes(), product.isService());
    }
}
