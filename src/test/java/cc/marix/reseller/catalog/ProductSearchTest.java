package cc.marix.reseller.catalog;

import static cc.marix.reseller.testing.Catalogs.as;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;

/**
 * GET /api/products/search: the three tiers compete on one fixture whose alphabetical order is the opposite of the
 * ranking; Latin and Cyrillic tokens are fresh per test, so other tests' products never match.
 */
@QuarkusTest
class ProductSearchTest {

    private String key;
    private String prefix;
    private String latin;
    private String cyrillic;
    private JsonNode imported;

    @BeforeEach
    void catalog() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        key = Catalogs.apiKey();
        prefix = Fixtures.unique("find");
        latin = "zq" + prefix.substring(prefix.length() - 8);
        cyrillic = Catalogs.cyrillicToken();
        ObjectNode event = Catalogs.importEvent();
        Catalogs.category(event, prefix + "-a", "Первая", "First");
        Catalogs.category(event, prefix + "-b", "Вторая", "Second");
        // Latin: alphabetically described < contains < starts; ranked starts, contains, described
        Catalogs.product(event, prefix + "-starts", prefix + "-a", latin + " Wallet", null, "10.00", "rub");
        Catalogs.product(event, prefix + "-contains", prefix + "-a", "Aaa " + latin.toUpperCase(), null, "10.00",
                "rub");
        Catalogs.localized(Catalogs.product(event, prefix + "-described", prefix + "-b", "Aa plain", null, "10.00",
                "rub"), "description", "the best " + latin + " of all", null);
        Catalogs.product(event, prefix + "-other", prefix + "-b", "Unrelated", null, "10.00", "rub");
        // Cyrillic: upper-case name prefix, name substring, description substring; English names elsewhere
        Catalogs.product(event, prefix + "-ru-starts", prefix + "-a", cyrillic.toUpperCase() + " подарочная карта",
                "Gift card", "5.00", "usd");
        Catalogs.product(event, prefix + "-ru-contains", prefix + "-b", "Карта " + cyrillic, "Card", "300.00", "rub");
        Catalogs.localized(Catalogs.product(event, prefix + "-ru-described", prefix + "-b", "Ёлочная игрушка",
                "Bauble", "200.00", "rub"), "description", "Набор «" + cyrillic + "» для праздника", "A set");
        imported = Catalogs.load(event);
        Catalogs.stock(Catalogs.id(imported, "products", prefix + "-contains"), 1);
        Catalogs.stock(Catalogs.id(imported, "products", prefix + "-ru-described"), 3);
    }

    @Test
    void search_shouldRankNamePrefix_thenNameSubstring_thenDescription_caseInsensitively() {
        as(key).queryParam("query", latin.toUpperCase()).get("/api/products/search").then().statusCode(200)
                .body("slug", equalTo(List.of(prefix + "-starts", prefix + "-contains", prefix + "-described")))
                .body("[1].quantity", equalTo(1))
                .body("[0].price", equalTo("10.00"))
                .body("[0].currency", equalTo("rub"));
    }

    @Test
    void search_shouldFindCyrillic_inAnyCase_withYoAsYe_andShowTheAskedLanguage() {
        as(key).queryParam("query", cyrillic).get("/api/products/search").then().statusCode(200)
                .body("slug", equalTo(List.of(prefix + "-ru-starts", prefix + "-ru-contains",
                        prefix + "-ru-described")))
                .body("[0].name", equalTo(cyrillic.toUpperCase() + " подарочная карта"))
                .body("[0].price", equalTo("462.50"));
        as(key).header("x-language", "en").header("x-currency", "usd").queryParam("query", cyrillic.toUpperCase())
                .get("/api/products/search").then().statusCode(200)
                .body("name", equalTo(List.of("Gift card", "Card", "Bauble")))
                .body("price", equalTo(List.of("5.00", "3.24", "2.16")))
                .body("currency", equalTo(List.of("usd", "usd", "usd")));
        as(key).queryParam("query", "елочная игрушка").queryParam("category_id_or_slug", prefix + "-b")
                .get("/api/products/search").then().statusCode(200)
                .body("slug", equalTo(List.of(prefix + "-ru-described")));
        as(key).queryParam("query", "  Карта   " + cyrillic.toUpperCase() + " ").get("/api/products/search")
                .then().statusCode(200).body("slug", equalTo(List.of(prefix + "-ru-contains")));
    }

    @Test
    void search_shouldHonourCategoryStockAndLimit() {
        String categoryB = Catalogs.id(imported, "categories", prefix + "-b");
        as(key).queryParam("query", latin).queryParam("category_id_or_slug", prefix + "-b")
                .get("/api/products/search").then().statusCode(200)
                .body("slug", equalTo(List.of(prefix + "-described")));
        as(key).queryParam("query", cyrillic).queryParam("category_id_or_slug", categoryB)
                .get("/api/products/search").then().statusCode(200)
                .body("slug", equalTo(List.of(prefix + "-ru-contains", prefix + "-ru-described")));
        as(key).queryParam("query", latin).queryParam("withStockOnly", "true").get("/api/products/search").then()
                .statusCode(200).body("slug", equalTo(List.of(prefix + "-contains")));
        as(key).queryParam("query", cyrillic).queryParam("withStockOnly", "on").queryParam("limit", 1)
                .get("/api/products/search").then().statusCode(200)
                .body("slug", equalTo(List.of(prefix + "-ru-described")));
        as(key).queryParam("query", latin).queryParam("limit", 2).get("/api/products/search").then()
                .statusCode(200).body("slug", equalTo(List.of(prefix + "-starts", prefix + "-contains")));
        as(key).queryParam("query", latin + "-nothing").get("/api/products/search").then().statusCode(200)
                .body("$", equalTo(List.of()));
        as(key).queryParam("query", latin).queryParam("category_id_or_slug", prefix + "-none")
                .get("/api/products/search").then().statusCode(404).body("error", equalTo("category_not_found"));
    }
}
