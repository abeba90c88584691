package cc.marix.reseller.catalog;

import static cc.marix.reseller.testing.Catalogs.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** GET /api/categories/ and /api/categories/{category_id_or_slug} through the HTTP front, on DynamoDB Local. */
@QuarkusTest
class CategoryApiTest {

    private String key;
    private String prefix;
    private JsonNode imported;

    @BeforeEach
    void catalog() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        key = Catalogs.apiKey();
        prefix = Fixtures.unique("tree");
        // parent > {tagged (x), stocked (y: three products), empty (x)}; faqs in ru, one also in en
        ObjectNode event = Catalogs.importEvent();
        ObjectNode parent = Catalogs.category(event, prefix + "-parent", "Родитель", "Parent");
        Catalogs.localized(parent, "description", "Описание", null);
        parent.putArray("tags").add("root");
        parent.putObject("attributes").put("platform", "pc");
        parent.putArray("attributeDefinitions").addObject().put("name", "platform").put("type", "string")
                .put("description", "Платформа").put("required", true);
        ObjectNode faq = parent.putArray("faqs").addObject();
        Catalogs.localized(faq, "question", "Как активировать?", "How to redeem?");
        faq.put("answer", "Введите код.");
        Catalogs.category(event, prefix + "-tagged", "С меткой", "Tagged").put("parentId", prefix + "-parent")
                .putArray("tags").add(prefix + "-x");
        Catalogs.category(event, prefix + "-stocked", "Со складом", "Stocked").put("parentId", prefix + "-parent")
                .putArray("tags").add(prefix + "-y");
        Catalogs.category(event, prefix + "-zempty", "Пустая", "Empty").put("parentId", prefix + "-parent")
                .putArray("tags").add(prefix + "-x");
        Catalogs.product(event, prefix + "-hundred", prefix + "-stocked", "Сто", "Hundred", "100.00", "rub");
        Catalogs.product(event, prefix + "-fifty", prefix + "-stocked", "Пятьдесят", "Fifty", "50.00", "rub");
        Catalogs.product(event, prefix + "-dollar", prefix + "-stocked", "Доллар", "Dollar", "1.00", "usd");
        Catalogs.product(event, prefix + "-own", prefix + "-parent", "Свой", "Own", "10.00", "rub");
        imported = Catalogs.load(event);
        Catalogs.stock(Catalogs.id(imported, "products", prefix + "-hundred"), 2);
        Catalogs.stock(Catalogs.id(imported, "products", prefix + "-dollar"), 1);
        Catalogs.watchStock();
    }

    @Test
    void walk_shouldReturnEveryOneOf250CategoriesExactlyOnce_withLimit7() {
        String walkPrefix = Fixtures.unique("walk");
        ObjectNode event = Catalogs.importEvent();
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            String slug = walkPrefix + "-" + String.format("%03d", i);
            Catalogs.category(event, slug, "Категория " + i, "Category " + i);
            mine.add(slug);
        }
        Catalogs.load(event);

        Map<String, Integer> seen = new HashMap<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = (cursor == null ? as(key) : as(key).queryParam("cursor", cursor))
                    .queryParam("limit", 7).get("/api/categories/");
            page.then().statusCode(200).body("limit", equalTo(7));
            JsonNode body = Json.parse(page.asString());
            cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
            assertTrue(body.path("items").size() == 7 || cursor == null, "only the last page may be short: " + body);
            body.path("items").forEach(item -> {
                seen.merge(item.path("slug").asText(), 1, Integer::sum);
                order.add(item.path("slug").asText());
            });
            pages++;
            assertTrue(pages < 10_000, "the walk does not end");
        } while (cursor != null);

        for (String slug : mine) {
            assertEquals(1, seen.getOrDefault(slug, 0), slug);
        }
        assertTrue(seen.values().stream().allMatch(count -> count == 1), "a category appeared twice");
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(sorted, order, "slug order");
    }

    @Test
    void list_shouldShowTheFiguresOfEachCategory_inTheAskedCurrency() {
        as(key).queryParam("parent_id_or_slug", prefix + "-parent").get("/api/categories/").then().statusCode(200)
                .body("items.slug", equalTo(List.of(prefix + "-stocked", prefix + "-tagged", prefix + "-zempty")))
                .body("nextCursor", nullValue())
                .body("limit", equalTo(20))
                .body("items[0].hasProducts", equalTo(true))
                .body("items[0].inStockCount", equalTo(2))
                .body("items[0].bestOfferPrice", equalTo("50.00"))
                .body("items[0].currency", equalTo("rub"))
                .body("items[0].parentId", equalTo(Catalogs.id(imported, "categories", prefix + "-parent")))
                .body("items[0].name", equalTo("Со складом"))
                .body("items[0]", not(hasKey("faqs")))
                .body("items[2].hasProducts", equalTo(false))
                .body("items[2].inStockCount", equalTo(0))
                .body("items[2].bestOfferPrice", nullValue())
                .body("items[2].tags", equalTo(List.of(prefix + "-x")))
                .body("items[2].attributes", equalTo(Map.of()))
                .body("items[2].attributeDefinitions", equalTo(List.of()));
        // 100 rub -> 1.08, 50 rub -> 0.54 (1 / 92.50), 1.00 usd stays: the lowest is 0.54
        as(key).header("x-currency", "usd").header("x-language", "en")
                .queryParam("parent_id_or_slug", prefix + "-parent").get("/api/categories/").then().statusCode(200)
                .body("items[0].bestOfferPrice", equalTo("0.54"))
                .body("items[0].currency", equalTo("usd"))
                .body("items[0].name", equalTo("Stocked"));
    }

    @Test
    void list_shouldFilterByParentIdOrSlug_tag_andStock_acrossPages() {
        String parentId = Catalogs.id(imported, "categories", prefix + "-parent");
        as(key).queryParam("parent_id_or_slug", parentId).get("/api/categories/").then().statusCode(200)
                .body("items.slug", equalTo(List.of(prefix + "-stocked", prefix + "-tagged", prefix + "-zempty")));
        as(key).queryParam("parent_id_or_slug", parentId.toUpperCase()).get("/api/categories/").then()
                .statusCode(200).body("items.size()", equalTo(3));

        Response first = as(key).queryParam("parent_id_or_slug", prefix + "-parent").queryParam("limit", 2)
                .get("/api/categories/");
        first.then().statusCode(200).body("items.slug", equalTo(List.of(prefix + "-stocked", prefix + "-tagged")));
        String cursor = first.path("nextCursor");
        as(key).queryParam("parent_id_or_slug", prefix + "-parent").queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/categories/").then().statusCode(200)
                .body("items.slug", equalTo(List.of(prefix + "-zempty")))
                .body("nextCursor", nullValue());

        as(key).queryParam("tag", prefix + "-x").get("/api/categories/").then().statusCode(200)
                .body("items.slug", equalTo(List.of(prefix + "-tagged", prefix + "-zempty")));
        as(key).queryParam("tag", prefix + "-x").queryParam("limit", 1).get("/api/categories/").then()
                .statusCode(200).body("items.slug", equalTo(List.of(prefix + "-tagged")))
                .body("nextCursor", not(nullValue()));
        as(key).queryParam("tag", prefix + "-x").queryParam("parent_id_or_slug", prefix + "-stocked")
                .get("/api/categories/").then().statusCode(200).body("items", equalTo(List.of()))
                .body("nextCursor", nullValue());
        as(key).queryParam("withStockOnly", "true").queryParam("parent_id_or_slug", prefix + "-parent")
                .get("/api/categories/").then().statusCode(200)
                .body("items.slug", equalTo(List.of(prefix + "-stocked")));
        as(key).queryParam("withStockOnly", "false").queryParam("parent_id_or_slug", prefix + "-parent")
                .get("/api/categories/").then().statusCode(200).body("items.size()", equalTo(3));
        as(key).queryParam("parent_id_or_slug", prefix + "-nobody").get("/api/categories/").then().statusCode(404)
                .body("error", equalTo("category_not_found"));
    }

    @Test
    void withStockOnly_shouldWalkPastCategoriesWithoutStock_andEndWithoutAnEmptyPage() {
        String walkPrefix = Fixtures.unique("sparse");
        ObjectNode event = Catalogs.importEvent();
        for (int i = 0; i < 12; i++) {
            Catalogs.category(event, walkPrefix + "-" + String.format("%02d", i), "К", "C")
                    .put("parentId", prefix + "-tagged");
            Catalogs.product(event, walkPrefix + "-p" + i, walkPrefix + "-" + String.format("%02d", i), "Т", "P",
                    "1.00", "rub");
        }
        JsonNode loaded = Catalogs.load(event);
        for (int i : new int[] {3, 7, 11}) {
            Catalogs.stock(Catalogs.id(loaded, "products", walkPrefix + "-p" + i), 1);
        }
        Catalogs.watchStock();
        List<String> found = new ArrayList<>();
        String cursor = null;
        do {
            Response page = (cursor == null ? as(key) : as(key).queryParam("cursor", cursor))
                    .queryParam("withStockOnly", "yes").queryParam("limit", 2)
                    .queryParam("parent_id_or_slug", prefix + "-tagged").get("/api/categories/");
            page.then().statusCode(200);
            List<String> slugs = page.path("items.slug");
            assertTrue(!slugs.isEmpty(), "no empty page");
            found.addAll(slugs);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(walkPrefix + "-03", walkPrefix + "-07", walkPrefix + "-11"), found);
    }

    @Test
    void get_shouldAnswerByIdOrSlug_withLocalizedFaqs() {
        String parentId = Catalogs.id(imported, "categories", prefix + "-parent");
        for (String ref : List.of(parentId, prefix + "-parent")) {
            as(key).get("/api/categories/" + ref).then().statusCode(200)
                    .body("id", equalTo(parentId))
                    .body("slug", equalTo(prefix + "-parent"))
                    .body("name", equalTo("Родитель"))
                    .body("description", equalTo("Описание"))
                    .body("parentId", nullValue())
                    .body("tags", equalTo(List.of("root")))
                    .body("attributes.platform", equalTo("pc"))
                    .body("attributeDefinitions[0].name", equalTo("platform"))
                    .body("attributeDefinitions[0].required", equalTo(true))
                    .body("hasProducts", equalTo(true))
                    .body("inStockCount", equalTo(0))
                    .body("bestOfferPrice", equalTo("10.00"))
                    .body("faqs", equalTo(List.of(Map.of("question", "Как активировать?", "answer", "Введите код."))));
        }
        // English where there is English, Russian where there is not
        as(key).header("x-language", "en").get("/api/categories/" + prefix + "-parent").then().statusCode(200)
                .body("name", equalTo("Parent"))
                .body("description", equalTo("Описание"))
                .body("faqs[0].question", equalTo("How to redeem?"))
                .body("faqs[0].answer", equalTo("Введите код."));
        as(key).header("x-currency", "usd").get("/api/categories/" + prefix + "-stocked").then().statusCode(200)
                .body("inStockCount", equalTo(2)).body("bestOfferPrice", equalTo("0.54"))
                .body("faqs", equalTo(List.of()));
    }

    @Test
    void get_shouldAnswer404_forAnythingThatNamesNoCategory() {
        for (String ref : List.of(prefix + "-missing", "019ad428-e9cd-7982-a6fa-0ec0eebce25d", "Not%20A%20Slug",
                "x".repeat(300), "%D0%B8%D0%B3%D1%80%D1%8B")) {
            as(key).urlEncodingEnabled(false).get("/api/categories/" + ref).then().statusCode(404)
                    .body("error", equalTo("category_not_found"));
        }
    }
}
