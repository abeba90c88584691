package cc.marix.reseller.catalog;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A category of the catalog, in the seed's fields; texts are per language. */
@RegisterForReflection
public record Category(
        String id,
        String slug,
        String parentId,
        Map<String, String> name,
        Map<String, String> description,
        JsonNode attributes,
        JsonNode attributeDefinitions,
        List<String> tags,
        JsonNode faqs) {
}
