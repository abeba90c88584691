package cc.marix.reseller.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every route's answer against the document's own example ({@code seed-examples/public-api.json}, the "Ответ 200"
 * bodies of {@code public-api-and-partner-webhooks.txt} extracted as they are): every key the document shows is in our
 * answer (null when it has no value), at every level, with the document's JSON type where both have a value; list
 * and single forms alike. Keys of ours the document does not show are allowed (functions.md lists them).
 */
@QuarkusTest
class SeedShapesTest {

    private static JsonNode examples;

    @Inject
    LambdaHttpHandler handler;

    private Buyer buyer;

    @BeforeAll
    static void readExamples() throws IOException {
        try (InputStream in = SeedShapesTest.class.getResourceAsStream("/seed-examples/public-api.json")) {
            examples = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
        Catalogs.baselineRate();
        buyer = Orders.buyer("100000");
    }

    @Test
    void accessRoutes_shouldShowEveryFieldOfTheDocument() {
        assertShape("GET /api/access/me", get("/api/access/me"));
        assertShape("GET /api/access/me/balances/", get("/api/access/me/balances/"));
    }

    @Test
    void catalogRoutes_shouldShowEveryFieldOfTheDocument_evenWhereTheImportLeftThemOut() {
        String slug = "shape-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode event = Catalogs.importEvent();
        ObjectNode category = Catalogs.category(event, slug, "Игры", "Games");
        // a definition without description and required: the answer still has both (null)
        category.putArray("attributeDefinitions").addObject().put("name", "region").put("type", "string");
        category.putArray("faqs").addObject().put("question", "Как?").put("answer", "Так.");
        category.putArray("tags").add("games");
        ObjectNode product = Catalogs.product(event, slug + "-key", slug, "Ключ", "Key", "4990.00", "rub");
        product.putArray("requiredNoteFields").add("email");
        String productId = Catalogs.id(Catalogs.load(event), "products", slug + "-key");
        Catalogs.stock(productId, 1);

        JsonNode list = get("/api/categories/?tag=games");
        assertTrue(list.path("items").size() > 0, list.toString());
        assertShape("GET /api/categories/", list);
        JsonNode single = get("/api/categories/" + slug);
        assertShape("GET /api/categories/:category_id_or_slug", single);
        assertTrue(single.path("attributeDefinitions").path(0).path("description").isNull(), single.toString());
        assertShape("GET /api/products/", get("/api/products/?category_id_or_slug=" + slug));
        assertShape("GET /api/products/search", get("/api/products/search?query=Key&category_id_or_slug=" + slug));
        assertShape("GET /api/products/:product_id_or_slug", get("/api/products/" + productId));
    }

    @Test
    void orderRoutes_shouldShowEveryFieldOfTheDocument() {
        String slug = "shape-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode event = Catalogs.importEvent();
        Catalogs.category(event, slug, "Игры", "Games");
        Catalogs.product(event, slug + "-key", slug, "Ключ", "Key", "4990.00", "rub");
        String productId = Catalogs.id(Catalogs.load(event), "products", slug + "-key");
        Catalogs.stock(productId, 2);

        JsonNode created = json(Orders.post(buyer, Orders.body(productId, 1, null)));
        assertShape("POST /api/orders/", created);
        assertShape("GET /api/orders/:order_id", get("/api/orders/" + created.path("id").asText()));
        assertShape("GET /api/orders/", get("/api/orders/"));

        Buyer poor = Orders.buyer(null);
        String pending = json(Orders.post(poor, Orders.body(productId, 1, null))).path("id").asText();
        Tribute.willCreate();
        assertShape("POST /api/orders/:order_id/pay",
                json(Orders.as(poor).post("/api/orders/" + pending + "/pay")));
    }

    @Test
    void topUpRoutes_shouldShowEveryFieldOfTheDocument_withNullWhereThereIsNoValue() {
        assertShape("GET /api/topups/rates/:to", get("/api/topups/rates/rub"));
        assertShape("GET /api/topups/crypto/chains/", get("/api/topups/crypto/chains/"));

        JsonNode tron = Exchanger.topUp(buyer, "1500", "65b1c0ffee0000000000dd01", "16.483516");
        assertShape("POST /api/topups/crypto/", tron);
        assertTrue(tron.has("txPayload") && tron.path("txPayload").isNull(), "none asked for: " + tron);

        Exchanger.willCreate("65b1c0ffee0000000000dd02", "2.5");
        JsonNode ton = json(Orders.as(buyer).contentType("application/json").body("{\"chain\":\"ton\","
                + "\"asset\":\"ton\",\"quoteAmount\":\"500\",\"withTxPayload\":true}").post("/api/topups/crypto/"));
        assertShape("POST /api/topups/crypto/", ton);
        assertTrue(ton.has("tokenAddress") && ton.path("tokenAddress").isNull(), "a coin: " + ton);
        assertTrue(ton.path("txPayload").has("evmCall") && ton.path("txPayload").path("evmCall").isNull(),
                ton.toString());

        ProvidersResource.server().stubFor(post(urlEqualTo(Exchanger.CREATE)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"orderId\":\"65b1c0ffee0000000000dd03\","
                        + "\"status\":\"new\",\"inAmount\":\"10.5\",\"address\":"
                        + "\"0x52908400098527886E0F7030069857D2E4169EE7\"}")));
        JsonNode evm = json(Orders.as(buyer).contentType("application/json").body("{\"chain\":\"ethereum\","
                + "\"asset\":\"usdt\",\"quoteAmount\":\"955.5\",\"withTxPayload\":true}")
                .post("/api/topups/crypto/"));
        assertShape("GET /api/topups/crypto/:topup_id", get("/api/topups/crypto/" + evm.path("id").asText()));
        assertTrue(evm.path("txPayload").has("uri") && evm.path("txPayload").path("uri").isNull(), evm.toString());
        assertShape("GET /api/topups/crypto/", get("/api/topups/crypto/"));

        JsonNode fiat = Tribute.topUp(buyer, "1000", UUID.randomUUID().toString());
        assertShape("POST /api/topups/fiat/", fiat);
        assertShape("GET /api/topups/fiat/:topup_id", get("/api/topups/fiat/" + fiat.path("id").asText()));
        assertShape("GET /api/topups/fiat/", get("/api/topups/fiat/"));
    }

    @Test
    void optionalStringParameters_sentEmpty_shouldBeAbsent_likeFastApi() {
        JsonNode all = get("/api/categories/?limit=100");
        assertEquals(all, get("/api/categories/?limit=100&tag=&parent_id_or_slug=&cursor="), "no filter, first page");
        JsonNode orders = get("/api/orders/");
        assertEquals(orders, get("/api/orders/?statuses=&item_id="));
        Orders.as(buyer).get("/api/products/search?query=zz&category_id_or_slug=").then().statusCode(200);
        Orders.as(buyer).get("/api/products/?category_id_or_slug=").then().statusCode(422);
        Orders.as(buyer).get("/api/categories/?limit=").then().statusCode(422);
    }

    @Test
    void errorsOtherThan422_shouldCarryDetail_nextToTheMachineCode() {
        Response unknownKey = Catalogs.as("mk_unknown").get("/api/access/me");
        assertEquals(401, unknownKey.statusCode());
        JsonNode refused = Json.parse(unknownKey.asString());
        assertEquals("invalid_api_key", refused.path("error").asText());
        assertEquals(refused.path("message"), refused.path("detail"));
        Response unknownOrder = Orders.as(buyer).get("/api/orders/" + UUID.randomUUID());
        assertEquals(404, unknownOrder.statusCode());
        JsonNode notFound = Json.parse(unknownOrder.asString());
        assertEquals("order_not_found", notFound.path("error").asText());
        assertTrue(notFound.path("detail").isTextual() && !notFound.path("detail").asText().isEmpty(),
                notFound.toString());
        // refused before routing (lambda.RawRequestCheck): the same shape
        APIGatewayV2HTTPResponse brokenEscape = handler.handleRequest(HttpEvents.api("GET", "/api/categories/",
                "tag=%zz", buyer.apiKey(), null), null);
        assertEquals(400, brokenEscape.getStatusCode());
        JsonNode malformed = Json.parse(brokenEscape.getBody());
        assertEquals("malformed_url", malformed.path("error").asText());
        assertEquals(malformed.path("message"), malformed.path("detail"));
        JsonNode invalid = Json.parse(Orders.as(buyer).get("/api/categories/?limit=0").asString());
        assertTrue(invalid.path("detail").isArray(), "a 422 keeps the findings: " + invalid);
    }

    @Test
    void theComparison_shouldFail_onAMissingKey_aWrongType_andAMissingNestedKey() {
        JsonNode example = Json.parse("{\"a\": \"x\", \"b\": {\"c\": 0}, \"d\": [{\"e\": null}]}");
        assertEquals(List.of(), differences(example, Json.parse(
                "{\"a\": null, \"b\": {\"c\": 5, \"extra\": 1}, \"d\": [{\"e\": {}}]}"), "$"));
        assertEquals(List.of("$.a: missing", "$.b.c: number expected, got STRING", "$.d[0].e: missing"),
                differences(example, Json.parse("{\"b\": {\"c\": \"5\"}, \"d\": [{}]}"), "$"));
    }

    private void assertShape(String route, JsonNode answer) {
        JsonNode example = examples.path(route);
        assertTrue(!example.isMissingNode(), "no example for " + route);
        List<String> differences = differences(example, answer, route);
        assertEquals(List.of(), differences, route + " answered " + answer);
    }

    /** What of the document's example is missing from {@code ours}, or of another JSON type. */
    static List<String> differences(JsonNode example, JsonNode ours, String at) {
        List<String> found = new ArrayList<>();
        if (example.isNull() || ours.isNull()) {
            return found;
        }
        if (example.getNodeType() != ours.getNodeType()) {
            found.add(at + ": " + example.getNodeType().name().toLowerCase(Locale.ROOT) + " expected, got "
                    + ours.getNodeType());
            return found;
        }
        if (example.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = example.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!ours.has(field.getKey())) {
                    found.add(at + "." + field.getKey() + ": missing");
                } else {
                    found.addAll(differences(field.getValue(), ours.get(field.getKey()), at + "." + field.getKey()));
                }
            }
        } else if (example.isArray() && !example.isEmpty()) {
            for (int i = 0; i < ours.size(); i++) {
                found.addAll(differences(example.get(0), ours.get(i), at + "[" + i + "]"));
            }
        }
        return found;
    }

    private JsonNode get(String path) {
        return json(Orders.as(buyer).get(path));
    }

    private static JsonNode json(Response response) {
        assertEquals(200, response.statusCode(), response.asString());
        return Json.parse(response.asString());
    }
}
