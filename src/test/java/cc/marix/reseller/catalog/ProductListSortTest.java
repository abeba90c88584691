package cc.marix.reseller.catalog;

import static cc.marix.reseller.testing.Catalogs.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * {@code GET /api/products/} with {@code price_min}, {@code price_max} (in the answer's currency) and {@code sort}
 * (name, price, -price, newest), through the HTTP front. Four products, imported one minute apart: cherry (1.00 usd
 * = 92.50 rub), apple (300 rub), banana (150 rub), fir (200 rub).
 */
@QuarkusTest
class ProductListSortTest {

    @Inject
    TestClock clock;

    private String key;
    private String shelf;

    @BeforeEach
    void catalog() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        key = Catalogs.apiKey();
        shelf = Fixtures.unique("sorted");
        ObjectNode category = Catalogs.importEvent();
        Catalogs.category(category, shelf, "Полка", "Shelf");
        Catalogs.load(category);
        importProduct("a-cherry", "Вишня", "Cherry", "1.00", "usd");
        importProduct("b-apple", "Яблоко", "Apple", "300", "rub");
        importProduct("c-banana", "Банан", "Banana", "150", "rub");
        importProduct("d-fir", "Ёлка", "Fir", "200", "rub");
    }

    @Test
    void withoutSort_theListKeepsSlugOrder() {
        assertEquals(List.of("a-cherry", "b-apple", "c-banana", "d-fir"), slugs(as(key), ""));
    }

    @Test
    void sort_shouldOrderByTheShownName_thePrice_orTheImportTime() {
        assertEquals(List.of("c-banana", "a-cherry", "d-fir", "b-apple"), slugs(as(key), "&sort=name"),
                "Банан, Вишня, Ёлка (ё as е), Яблоко");
        assertEquals(List.of("b-apple", "c-banana", "a-cherry", "d-fir"),
                slugs(as(key).header("x-language", "en"), "&sort=name"));
        assertEquals(List.of("a-cherry", "c-banana", "d-fir", "b-apple"), slugs(as(key), "&sort=price"));
        assertEquals(List.of("b-apple", "d-fir", "c-banana", "a-cherry"), slugs(as(key), "&sort=-price"));
        assertEquals(List.of("d-fir", "c-banana", "b-apple", "a-cherry"), slugs(as(key), "&sort=newest"));

        importProduct("b-apple", "Яблоко", "Apple", "310", "rub");
        assertEquals(List.of("d-fir", "c-banana", "b-apple", "a-cherry"), slugs(as(key), "&sort=newest"),
                "an update keeps the first import's time");
    }

    @Test
    void priceBounds_shouldBeInclusive_inTheAnswersCurrency_andCombineWithSortAndPaging() {
        assertEquals(List.of("c-banana", "d-fir"), slugs(as(key), "&price_min=150&price_max=200"));
        assertEquals(List.of("a-cherry"), slugs(as(key), "&price_max=92.50"));
        // in usd: apple 3.24, banana 1.62, fir 2.16, cherry 1.00
        assertEquals(List.of("b-apple", "c-banana", "d-fir"),
                slugs(as(key).header("x-currency", "usd"), "&price_min=1.62"));
        assertEquals(List.of("c-banana", "d-fir"),
                slugs(as(key).header("x-currency", "usd"), "&price_min=1.62&price_max=2.16"));
        JsonNode page = Json.parse(as(key).get("/api/products/?category_id_or_slug=" + shelf
                + "&price_min=100&sort=-price&limit=1&offset=1").then().statusCode(200).extract().asString());
        assertEquals(3, page.path("total").asInt());
        assertEquals(prefixed("d-fir"), page.path("items").path(0).path("slug").asText());
        assertEquals(List.of(), slugs(as(key), "&price_min=500"));
        assertEquals(slugs(as(key), ""), slugs(as(key), "&price_min=&price_max=&sort="), "empty: no filter");
    }

    @Test
    void badSortOrPrices_shouldBe422_namingEachParameter() {
        JsonNode refused = Json.parse(as(key).get("/api/products/?category_id_or_slug=" + shelf
                + "&sort=cheapest&price_min=abc&price_max=-1").then().statusCode(422).extract().asString());
        List<String> found = new ArrayList<>();
        refused.path("detail").forEach(violation -> found.add(violation.path("loc").path(1).asText() + ":"
                + violation.path("type").asText()));
        assertEquals(List.of("price_min:decimal_parsing", "price_max:greater_than_equal", "sort:enum"), found);
        assertEquals("Input should be 'name', 'price', '-price' or 'newest'",
                refused.path("detail").path(2).path("msg").asText());
        for (String query : List.of("&sort=NAME", "&sort=price,name", "&price_min=1e3", "&price_max=1.5.0",
                "&price_min=" + "9".repeat(21))) {
            as(key).get("/api/products/?category_id_or_slug=" + shelf + query).then().statusCode(422);
        }
    }

    private void importProduct(String name, String ru, String en, String price, String currency) {
        clock.advance(Duration.ofMinutes(1));
        ObjectNode event = Catalogs.importEvent();
        Catalogs.product(event, prefixed(name), shelf, ru, en, price, currency);
        Catalogs.load(event);
    }

    private String prefixed(String name) {
        return shelf + "-" + name;
    }

    private List<String> slugs(RequestSpecification request, String query) {
        JsonNode page = Json.parse(request.get("/api/products/?category_id_or_slug=" + shelf + query).then()
                .statusCode(200).extract().asString());
        List<String> slugs = new ArrayList<>();
        page.path("items").forEach(item -> slugs.add(item.path("slug").asText().substring(shelf.length() + 1)));
        assertEquals(slugs.size(), page.path("total").asInt(), query);
        return slugs;
    }
}
