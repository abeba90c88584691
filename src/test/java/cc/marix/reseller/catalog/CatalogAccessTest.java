package cc.marix.reseller.catalog;

import static cc.marix.reseller.testing.Catalogs.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.account.ApiKeys;
import cc.marix.reseller.account.KeyOwners;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;

/** Every catalog route: 401 and 403 before anything else, 422 for every bad header and parameter value. */
@QuarkusTest
class CatalogAccessTest {

    @Inject
    TestClock clock;

    private String userId;
    private String key;
    private String category;
    private String product;
    /** Each route with parameters it answers 200 to. */
    private Map<String, Map<String, String>> routes;

    @BeforeEach
    void catalog() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        JsonNode user = Fixtures.admin(Json.object().put("action", "createApiUser")
                .put("email", Fixtures.unique("access") + "@example.com"));
        userId = user.path("id").asText();
        key = user.path("apiKey").asText();
        category = Fixtures.unique("gate");
        product = category + "-item";
        ObjectNode event = Catalogs.importEvent();
        Catalogs.category(event, category, "Ворота", "Gate");
        Catalogs.product(event, product, category, "Ключ", "Key", "1.00", "rub");
        Catalogs.load(event);
        routes = new LinkedHashMap<>();
        routes.put("/api/categories/", Map.of());
        routes.put("/api/categories/" + category, Map.of());
        routes.put("/api/products/", Map.of("category_id_or_slug", category));
        routes.put("/api/products/search", Map.of("query", "ключ", "category_id_or_slug", category));
        routes.put("/api/products/" + product, Map.of());
    }

    private RequestSpecification withParams(RequestSpecification request, String route) {
        return request.queryParams(routes.get(route));
    }

    @Test
    void everyRoute_shouldAnswer200_withAValidKey_andTheSeedsHeaders() {
        for (String route : routes.keySet()) {
            withParams(as(key), route).header("x-language", "en").header("x-currency", "usd").get(route).then()
                    .statusCode(200);
        }
    }

    @Test
    void everyRoute_shouldAnswer401_forMissingMalformedOrUnknownKeys_evenWithBadParameters() {
        for (String route : routes.keySet()) {
            withParams(given(), route).get(route).then().statusCode(401).body("error", equalTo("invalid_api_key"));
            withParams(given().header("Authorization", key), route).get(route).then().statusCode(401);
            withParams(given().header("Authorization", "Basic " + key), route).get(route).then().statusCode(401);
            withParams(as("mk_short"), route).get(route).then().statusCode(401);
            withParams(as(ApiKeys.newKey()), route).get(route).then().statusCode(401)
                    .body("error", equalTo("invalid_api_key"));
            // the key is checked first: a stranger learns nothing about the parameters
            as(ApiKeys.newKey()).queryParam("limit", "abc").header("x-currency", "eur").get(route).then()
                    .statusCode(401);
        }
    }

    @Test
    void everyRoute_shouldAnswer403_whileTheUserIsInactive() {
        Fixtures.admin(Json.object().put("action", "setUserActive").put("userId", userId).put("active", false));
        // a warm function trusts a key's owner it has seen for KeyOwners.TTL: the change shows once that has passed
        clock.advance(KeyOwners.TTL);
        for (String route : routes.keySet()) {
            withParams(as(key), route).get(route).then().statusCode(403).body("error", equalTo("user_inactive"));
        }
        Fixtures.admin(Json.object().put("action", "setUserActive").put("userId", userId).put("active", true));
        for (String route : routes.keySet()) {
            withParams(as(key), route).get(route).then().statusCode(200);
        }
    }

    @Test
    void everyRoute_shouldAnswer422_forUnknownLanguageOrCurrency() {
        for (String route : routes.keySet()) {
            for (String language : List.of("de", "ru-RU", "xx")) {
                withParams(as(key), route).header("x-language", language).get(route).then().statusCode(422)
                        .body("detail[0].loc", equalTo(List.of("header", "x-language")));
            }
            for (String currency : List.of("eur", "usdt", "rubles")) {
                withParams(as(key), route).header("x-currency", currency).get(route).then().statusCode(422)
                        .body("detail[0].loc", equalTo(List.of("header", "x-currency")));
            }
        }
    }

    @Test
    void limit_shouldBe1To100_onEveryRouteThatTakesIt() {
        Map<String, String> bad = Map.of("0", "greater_than_equal", "101", "less_than_equal", "-1",
                "greater_than_equal", "abc", "int_parsing", "1.5", "int_parsing", "", "int_parsing",
                "99999999999999999999", "less_than_equal");
        for (String route : List.of("/api/categories/", "/api/products/", "/api/products/search")) {
            for (Map.Entry<String, String> value : bad.entrySet()) {
                withParams(as(key), route).queryParam("limit", value.getKey()).get(route).then().statusCode(422)
                        .body("error", equalTo("validation_error"))
                        .body("detail[0].loc", equalTo(List.of("query", "limit")))
                        .body("detail[0].type", equalTo(value.getValue()));
            }
            withParams(as(key), route).queryParam("limit", "1").get(route).then().statusCode(200);
            withParams(as(key), route).queryParam("limit", "100").get(route).then().statusCode(200);
        }
    }

    @Test
    void otherParameters_shouldBeCheckedAsFastApiChecksThem() {
        for (String route : List.of("/api/categories/", "/api/products/", "/api/products/search")) {
            for (String value : List.of("maybe", "2", "")) {
                withParams(as(key), route).queryParam("withStockOnly", value).get(route).then().statusCode(422)
                        .body("detail[0].loc", equalTo(List.of("query", "withStockOnly")))
                        .body("detail[0].type", equalTo("bool_parsing"));
            }
        }
        for (String value : List.of("-1", "abc", "")) {
            as(key).queryParam("category_id_or_slug", category).queryParam("offset", value).get("/api/products/")
                    .then().statusCode(422).body("detail[0].loc", equalTo(List.of("query", "offset")));
        }
        as(key).get("/api/products/").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "category_id_or_slug")))
                .body("detail[0].type", equalTo("missing"));
        as(key).get("/api/products/search").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "query")))
                .body("detail[0].type", equalTo("missing"));
        for (String value : List.of("", "   ", "x".repeat(201))) {
            as(key).queryParam("query", value).get("/api/products/search").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("query", "query")));
        }
        as(key).queryParam("tag", "t".repeat(101)).get("/api/categories/").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "tag")));
        // every problem of one request at once
        as(key).queryParam("limit", "0").queryParam("offset", "x").queryParam("withStockOnly", "?")
                .get("/api/products/").then().statusCode(422)
                .body("detail.loc", hasItem(List.of("query", "limit")))
                .body("detail.loc", hasItem(List.of("query", "offset")))
                .body("detail.loc", hasItem(List.of("query", "withStockOnly")))
                .body("detail.loc", hasItem(List.of("query", "category_id_or_slug")));
    }

    @Test
    void aTamperedCursor_shouldBe422_neverA500() {
        String cursor = as(key).queryParam("limit", 1).get("/api/categories/").path("nextCursor");
        as(key).queryParam("limit", 1).queryParam("cursor", cursor).get("/api/categories/").then().statusCode(200);
        // sent empty, the cursor (string | null) is absent: the first page, as FastAPI reads it
        as(key).queryParam("limit", 1).queryParam("cursor", "").get("/api/categories/").then().statusCode(200)
                .body("nextCursor", equalTo(cursor));
        List<String> tampered = List.of("!!!", cursor + "x", cursor.substring(0, cursor.length() - 2),
                cursor.replace('e', '/'), new StringBuilder(cursor).reverse().toString(),
                encoded("{\"v\":1,\"after\":{\"$gt\":\"\"}}"), encoded("{\"v\":1,\"after\":\"A B\"}"),
                encoded("{\"v\":1}"), encoded("null"), encoded("\"games\""), "%00", "A".repeat(5000),
                Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xc3, 0x28}));
        for (String value : tampered) {
            as(key).queryParam("cursor", value).get("/api/categories/").then().statusCode(422)
                    .body("error", equalTo("validation_error"))
                    .body("detail[0].loc", equalTo(List.of("query", "cursor")));
        }
        // a well-formed cursor naming another position is only a position
        as(key).queryParam("cursor", encoded("{\"v\":1,\"after\":\"zzzzzzzz\"}")).get("/api/categories/").then()
                .statusCode(200);
    }

    private static String encoded(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
