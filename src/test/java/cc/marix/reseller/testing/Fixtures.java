package cc.marix.reseller.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Test data made the way an operator makes it: admin events through the admin function. Every fixture gets fresh
 * ids and slugs, so tests share one table without seeing each other's data.
 */
public final class Fixtures {

    public record Stocked(String productId, List<String> codes) {
    }

    public record TestPartner(String slug, String secret) {
    }

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new category and product with {@code codes} fresh codes in stock. */
    public static Stocked product(int codes) {
        String slug = unique("product");
        ObjectNode catalog = Json.object().put("action", "importCatalog");
        catalog.putArray("categories").addObject().put("slug", slug + "-category").put("name", "Категория");
        ObjectNode product = catalog.putArray("products").addObject()
                .put("slug", slug).put("categoryId", slug + "-category").put("price", "4990.00");
        product.putObject("name").put("ru", "Товар").put("en", "Product");
        JsonNode imported = admin(catalog);
        String productId = imported.path("products").path(0).path("id").asText();
        if (productId.isEmpty()) {
            throw new IllegalStateException("catalog import failed: " + imported);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < codes; i++) {
            values.add("CODE-" + UUID.randomUUID());
        }
        if (codes > 0) {
            addCodes(productId, values);
        }
        return new Stocked(productId, values);
    }

    public static JsonNode addCodes(String productId, List<String> values) {
        ObjectNode event = Json.object().put("action", "importCodes").put("productId", productId);
        ArrayNode list = event.putArray("codes");
        values.forEach(value -> list.addObject().put("type", "code").put("value", value));
        return admin(event);
    }

    public static TestPartner partner(String... productIds) {
        return linkedPartner(null, productIds);
    }

    /** A partner whose orders show in the API user {@code userId}'s list (linked to no user when null). */
    public static TestPartner linkedPartner(String userId, String... productIds) {
        String slug = unique("partner");
        String secret = "secret-" + UUID.randomUUID();
        ObjectNode event = Json.object().put("action", "createPartner").put("slug", slug);
        if (userId != null) {
            event.put("userId", userId);
        }
        event.putArray("secrets").add(secret);
        ArrayNode products = event.putArray("productIds");
        for (String productId : productIds) {
            products.add(productId);
        }
        JsonNode created = admin(event);
        if (!slug.equals(created.path("slug").asText())) {
            throw new IllegalStateException("partner not created: " + created);
        }
        return new TestPartner(slug, secret);
    }

    public static JsonNode stock(String productId) {
        return admin(Json.object().put("action", "stockReport").put("productId", productId));
    }

    public static JsonNode admin(JsonNode event) {
        return Json.parse(TestStack.invoke(Json.write(event)));
    }
}
