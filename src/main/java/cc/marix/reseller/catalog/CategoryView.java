package cc.marix.reseller.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.pricing.Prices;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The seed's category, with its figures: {@code hasProducts}, {@code inStockCount} (its products with stock) and
 * {@code bestOfferPrice} (its lowest product price, null without products) in {@code currency} (not in the seed:
 * added so the price says what it is in). {@code faqs} only on the single category.
 */
@RegisterForReflection
public record CategoryView(
        String id,
        String name,
        String slug,
        String description,
        String bestOfferPrice,
        String currency,
        JsonNode attributes,
        JsonNode attributeDefinitions,
        List<String> tags,
        String parentId,
        boolean hasProducts,
        int inStockCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Faq> faqs) {

    private static final List<String> DEFINITION_FIELDS = List.of("name", "type", "description", "required");

    static CategoryView of(Category category, CategoryStats.Stats stats, Presentation shown, boolean withFaqs) {
        return new CategoryView(category.id(), shown.text(category.name()), category.slug(),
                shown.text(category.description()),
                stats.bestOfferPrice() == null ? null : Prices.text(stats.bestOfferPrice()),
                shown.prices().currency().wire(),
                ProductView.objectOrEmpty(category.attributes()),
                definitions(category.attributeDefinitions()),
                category.tags() == null ? List.of() : category.tags(),
                category.parentId(), stats.hasProducts(), stats.inStockCount(),
                withFaqs ? Faq.localized(category.faqs(), shown.language()) : null);
    }

    /**
     * The definitions as imported, each object with at least the seed's {@code name}, {@code type},
     * {@code description} and {@code required} (null where the import left one out): a client reads every field the
     * document shows. A field stored as JSON null comes back as a NullNode, not as null.
     */
    private static JsonNode definitions(JsonNode stored) {
        ArrayNode shown = JsonNodeFactory.instance.arrayNode();
        if (stored == null || !stored.isArray()) {
            return shown;
        }
        for (JsonNode definition : stored) {
            if (definition instanceof ObjectNode object) {
                ObjectNode copy = object.deepCopy();
                DEFINITION_FIELDS.stream().filter(field -> !copy.has(field)).forEach(copy::putNull);
                shown.add(copy);
            } else {
                shown.add(definition);
            }
        }
        return shown;
    }
}
