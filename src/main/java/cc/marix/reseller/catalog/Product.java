package cc.marix.reseller.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A product of the catalog, in the seed's fields; texts are per language. */
@RegisterForReflection
public record Product(
        String id,
        String slug,
        String categoryId,
        Map<String, String> name,
        Map<String, String> description,
        Map<String, String> userGuide,
        JsonNode attributes,
        BigDecimal price,
        String currency,
        int orderMinQuantity,
        int orderMaxQuantity,
        List<String> requiredNoteFields,
        JsonNode noteFieldOptions,
        JsonNode noteFieldTypes,
        boolean isService) {
}
