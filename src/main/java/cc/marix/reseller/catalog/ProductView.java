package cc.marix.reseller.catalog;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's product: localized texts, the price in the answer's {@code currency}, and the live {@code quantity}. */
@RegisterForReflection
public record ProductView(
        String id,
        String name,
        String slug,
        String description,
        JsonNode attributes,
        String price,
        String currency,
        long quantity,
        int orderMinQuantity,
        int orderMaxQuantity,
        List<String> requiredNoteFields,
        JsonNode noteFieldOptions,
        JsonNode noteFieldTypes) {

    static ProductView of(Product product, long quantity, Presentation shown) {
        return new ProductView(product.id(), shown.text(product.name()), product.slug(),
                shown.text(product.description()), objectOrEmpty(product.attributes()), shown.price(product),
                shown.prices().currency().wire(), quantity, product.orderMinQuantity(), product.orderMaxQuantity(),
                product.requiredNoteFields() == null ? List.of() : product.requiredNoteFields(),
                objectOrEmpty(product.noteFieldOptions()), objectOrEmpty(product.noteFieldTypes()));
    }

    /** A JSON object as the seed shows it: {@code {}} where none is stored. */
    public static JsonNode objectOrEmpty(JsonNode node) {
        return node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    }
}
