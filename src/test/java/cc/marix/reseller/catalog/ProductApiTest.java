package cc.marix.reseller.catalog;

import static cc.marix.reseller.testing.Catalogs.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/** GET /api/products/ and /api/products/{product_id_or_slug}, prices in either currency, through the HTTP front. */
@QuarkusTest
class ProductApiTest {

    private static final int PRODUCTS = 25;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    private String key;
    private String prefix;
    private JsonNode imported;
    private final List<String> stocked = new ArrayList<>();

    @BeforeEach
    void catalog() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        key = Catalogs.apiKey();
        prefix = Fixtures.unique("shelf");
        ObjectNode event = Catalogs.importEvent();
        Catalogs.category(event, prefix, "Полка", "Shelf");
        for (int i = 0; i < PRODUCTS; i++) {
            Catalogs.product(event, prefix + "-" + String.format("%02d", i), prefix, "Товар " + i, "Product " + i,
                    (100 + i) + ".00", "rub");
        }
        ObjectNode full = Catalogs.product(event, prefix + "-full", prefix, "Полный", "Full", "0.01", "usd");
        Catalogs.localized(full, "description", "Описание", "Description");
        full.put("orderMinQuantity", 2).put("orderMaxQuantity", 5);
        full.putObject("attributes").put("region", "EU");
        full.putArray("requiredNoteFields").add("email");
        full.putObject("noteFieldOptions").putArray("region").add("EU").add("US");
        full.putObject("noteFieldTypes").put("email", "email");
        imported = Catalogs.load(event);
        stocked.clear();
        for (int i = 0; i < PRODUCTS; i += 3) {
            String slug = prefix + "-" + String.format("%02d", i);
            Catalogs.stock(Catalogs.id(imported, "products", slug), 1 + i % 2);
            stocked.add(slug);
        }
    }

    @Test
    void list_shouldPageACategory_withLimitOffsetAndTotal_bySlugOrId() {
        String categoryId = Catalogs.id(imported, "categories", prefix);
        as(key).queryParam("category_id_or_slug", prefix).get("/api/products/").then().statusCode(200)
                .body("limit", equalTo(20)).body("offset", equalTo(0)).body("total", equalTo(PRODUCTS + 1))
                .body("items.size()", equalTo(20))
                .body("items[0].slug", equalTo(prefix + "-00"))
                .body("items[0].quantity", equalTo(1))
                .body("items[1].quantity", equalTo(0))
                .body("items[3].quantity", equalTo(2))
                .body("items[0].price", equalTo("100.00"))
                .body("items[0].currency", equalTo("rub"));
        as(key).queryParam("category_id_or_slug", categoryId).queryParam("limit", 10).queryParam("offset", 20)
                .get("/api/products").then().statusCode(200)
                .body("limit", equalTo(10)).body("offset", equalTo(20)).body("total", equalTo(PRODUCTS + 1))
                .body("items.slug", equalTo(List.of(prefix + "-20", prefix + "-21", prefix + "-22", prefix + "-23",
                        prefix + "-24", prefix + "-full")));
        as(key).queryParam("category_id_or_slug", prefix).queryParam("offset", 1000).get("/api/products/").then()
                .statusCode(200).body("items", equalTo(List.of())).body("total", equalTo(PRODUCTS + 1));
    }

    @Test
    void list_withStockOnly_shouldCountAndPageOnlyProductsInStock() {
        Catalogs.watchStock();
        as(key).queryParam("category_id_or_slug", prefix).queryParam("withStockOnly", "true").queryParam("limit", 4)
                .queryParam("offset", 2).get("/api/products/").then().statusCode(200)
                .body("total", equalTo(stocked.size()))
                .body("items.slug", equalTo(stocked.subList(2, 6)));
        as(key).queryParam("category_id_or_slug", prefix).queryParam("withStockOnly", "0").get("/api/products/")
                .then().statusCode(200).body("total", equalTo(PRODUCTS + 1));
    }

    @Test
    void list_shouldAnswer404_forAnUnknownCategory() {
        as(key).queryParam("category_id_or_slug", prefix + "-none").get("/api/products/").then().statusCode(404)
                .body("error", equalTo("category_not_found"));
        as(key).queryParam("category_id_or_slug", UUID.randomUUID().toString()).get("/api/products/").then()
                .statusCode(404);
    }

    @Test
    void get_shouldAnswerEveryFieldOfTheSeed_byIdOrSlug() {
        String id = Catalogs.id(imported, "products", prefix + "-full");
        for (String ref : List.of(id, prefix + "-full", id.toUpperCase())) {
            as(key).get("/api/products/" + ref).then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("slug", equalTo(prefix + "-full"))
                    .body("name", equalTo("Полный"))
                    .body("description", equalTo("Описание"))
                    .body("attributes", equalTo(Map.of("region", "EU")))
                    .body("price", equalTo("0.92"))
                    .body("currency", equalTo("rub"))
                    .body("quantity", equalTo(0))
                    .body("orderMinQuantity", equalTo(2))
                    .body("orderMaxQuantity", equalTo(5))
                    .body("requiredNoteFields", equalTo(List.of("email")))
                    .body("noteFieldOptions", equalTo(Map.of("region", List.of("EU", "US"))))
                    .body("noteFieldTypes", equalTo(Map.of("email", "email")));
        }
        as(key).header("x-language", "en").header("x-currency", "usd").get("/api/products/" + id).then()
                .statusCode(200).body("name", equalTo("Full")).body("description", equalTo("Description"))
                .body("price", equalTo("0.01")).body("currency", equalTo("usd"));
        String plain = Catalogs.id(imported, "products", prefix + "-03");
        as(key).get("/api/products/" + plain).then().statusCode(200).body("quantity", equalTo(2))
                .body("description", equalTo(null)).body("attributes", equalTo(Map.of()))
                .body("requiredNoteFields", equalTo(List.of())).body("noteFieldOptions", equalTo(Map.of()));
    }

    @Test
    void get_shouldShowAReimportedProductAtOnce_afterItWasReadBefore() {
        String slug = prefix + "-05";
        String id = Catalogs.id(imported, "products", slug);
        for (int read = 0; read < 2; read++) {
            as(key).get("/api/products/" + id).then().statusCode(200).body("name", equalTo("Товар 5"))
                    .body("price", equalTo("105.00"));
        }
        ObjectNode event = Catalogs.importEvent();
        Catalogs.product(event, slug, prefix, "Товар 5, новый", "Product 5, new", "99.50", "rub");
        Catalogs.load(event);

        // the container keeps products parsed with the stored text they came from: a changed text is read anew
        as(key).get("/api/products/" + id).then().statusCode(200).body("name", equalTo("Товар 5, новый"))
                .body("price", equalTo("99.50"));
        as(key).get("/api/products/" + slug).then().statusCode(200).body("name", equalTo("Товар 5, новый"));
    }

    @Test
    void get_shouldFindASlugThatLooksLikeAnId_andAnswer404ForWhatNamesNoProduct() {
        String uuidSlug = UUID.randomUUID().toString();
        ObjectNode event = Catalogs.importEvent();
        Catalogs.product(event, uuidSlug, prefix, "Похожий на id", "Id-like", "1.00", "rub");
        JsonNode loaded = Catalogs.load(event);
        as(key).get("/api/products/" + uuidSlug).then().statusCode(200)
                .body("id", equalTo(Catalogs.id(loaded, "products", uuidSlug)));
        for (String ref : List.of(prefix + "-none", UUID.randomUUID().toString(), "Bad_Slug", "x".repeat(300))) {
            as(key).get("/api/products/" + ref).then().statusCode(404).body("error", equalTo("product_not_found"));
        }
    }

    @Test
    void prices_shouldConvertWithTheDirectRate_elseTheInverse_roundedHalfEven_and503WithoutEither() {
        String full = "/api/products/" + prefix + "-full";
        String rubPriced = "/api/products/" + prefix + "-00";
        try {
            deleteRate("rub", "usd");
            // 0.01 usd x 92.50 = 0.925 -> 0.92 (half-even; half-up would say 0.93)
            as(key).get(full).then().statusCode(200).body("price", equalTo("0.92"));
            // only usd -> rub is set: 100 rub x (1 / 92.50) = 1.0810... -> 1.08
            as(key).header("x-currency", "usd").get(rubPriced).then().statusCode(200)
                    .body("price", equalTo("1.08")).body("currency", equalTo("usd"));
            // a direct rate wins over the inverse of the opposite one
            assertEquals("0.011", Catalogs.setRate("rub", "usd", "0.0110").path("rate").asText());
            as(key).header("x-currency", "usd").get(rubPriced).then().statusCode(200).body("price", equalTo("1.10"));
            as(key).header("x-currency", "USD").get(rubPriced).then().statusCode(200).body("price", equalTo("1.10"));

            deleteRate("rub", "usd");
            deleteRate("usd", "rub");
            as(key).header("x-currency", "usd").get(rubPriced).then().statusCode(503)
                    .header("Retry-After", "60").body("error", equalTo("rate_unavailable"));
            as(key).header("x-currency", "usd").queryParam("category_id_or_slug", prefix).get("/api/products/")
                    .then().statusCode(503).body("error", equalTo("rate_unavailable"));
            // what needs no conversion is still served
            as(key).get(rubPriced).then().statusCode(200).body("price", equalTo("100.00"));
            as(key).header("x-currency", "usd").get(full).then().statusCode(200).body("price", equalTo("0.01"));
        } finally {
            deleteRate("rub", "usd");
            Catalogs.baselineRate();
        }
    }

    @Test
    void setRate_shouldRefuseBadRates() {
        assertEquals("greater_than", Catalogs.setRate("usd", "rub", "0").path("detail").path(0).path("type").asText());
        assertEquals("greater_than_equal",
                Catalogs.setRate("usd", "rub", "-1").path("detail").path(0).path("type").asText());
        assertEquals("decimal_parsing",
                Catalogs.setRate("usd", "rub", "abc").path("detail").path(0).path("type").asText());
        assertEquals("enum", Catalogs.setRate("eur", "rub", "1").path("detail").path(0).path("type").asText());
        assertEquals("value_error", Catalogs.setRate("rub", "rub", "1").path("detail").path(0).path("type").asText());
        assertEquals("missing", Fixtures.admin(Json.object().put("action", "setRate")
                .put("from", "usd").put("to", "rub").put("rate", "1")).path("detail").path(0).path("type").asText());
        as(key).get("/api/products/" + prefix + "-full").then().statusCode(200).body("price", equalTo("0.92"));
    }

    private void deleteRate(String from, String to) {
        dynamo.deleteItem(DeleteItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key("RATE#" + from + "#" + to, "RATE")).build());
    }
}
