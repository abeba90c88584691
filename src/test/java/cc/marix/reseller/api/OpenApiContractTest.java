package cc.marix.reseller.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.OpenApiContract;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/**
 * Every route of the OpenAPI document driven through the Function URL front (each request a Lambda event into the
 * handler, DynamoDB Local behind it, WireMock for the providers), with good and bad requests; each answer is judged
 * by {@link OpenApiContract}: its status documented for the route, its body valid against the documented schema,
 * the documented required headers present. The last test checks that every operation was answered with a success
 * and with the errors every secured route has.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.fromSource();
    /** Operation -> the statuses it was seen to answer, over the whole class. */
    private static final Map<String, Set<Integer>> ANSWERED = new TreeMap<>();
    private static final String NO_SUCH_ID = "019d0000-0000-7000-8000-0000000000ff";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    private Buyer buyer;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
        Catalogs.baselineRate();
        buyer = Orders.buyer("100000");
    }

    @AfterAll
    static void forget() {
        ANSWERED.clear();
    }

    @Test
    @Order(1)
    void everySecuredRoute_shouldRefuseKeysAndHeadersAsDocumented() {
        Buyer inactive = Orders.buyer(null);
        Fixtures.admin(Json.object().put("action", "setUserActive").put("userId", inactive.userId())
                .put("active", false));
        for (OpenApiContract.Operation operation : CONTRACT.operations()) {
            String path = concrete(operation.path());
            String method = operation.method();
            expect(405, "PATCH", path, given());
            if (operation.node().has("security")) {
                continue;
            }
            expect(401, method, path, given());
            expect(401, method, path, Catalogs.as("mk_" + "x".repeat(43)));
            expect(403, method, path, Orders.as(inactive));
            expect(422, method, path, Orders.as(buyer).header("x-currency", "eur"));
            expect(422, method, path, Orders.as(buyer).header("x-language", "de"));
        }
    }

    @Test
    @Order(2)
    void document_shouldBeServedWithoutAKey_asTheSourceFile() throws IOException {
        JsonNode served = expect(200, "GET", "/api/openapi.json", given());
        assertEquals(Json.parse(Files.readString(OpenApiContract.SOURCE)), served);
        expect(405, "POST", "/api/openapi.json", given());
        expect(422, "GET", "/api/openapi.json", given().header("x-language", "de"));
    }

    @Test
    @Order(2)
    void document_shouldBeCacheable_andAnswer304WithoutABody_toItsOwnETag() {
        Response served = given().get("/api/openapi.json");
        String etag = served.header("ETag");
        assertEquals("public, max-age=300", served.header("Cache-Control"));
        assertTrue(etag != null && etag.matches("\"[0-9a-f]{64}\""), etag);
        assertEquals(etag, given().header("x-language", "en").get("/api/openapi.json").header("ETag"),
                "the same document has the same tag");

        Response unchanged = given().header("If-None-Match", etag).get("/api/openapi.json");
        assertEquals(304, unchanged.statusCode());
        assertEquals("", unchanged.asString());
        assertEquals(etag, unchanged.header("ETag"));
        assertEquals("public, max-age=300", unchanged.header("Cache-Control"));
        expect(304, "GET", "/api/openapi.json", given().header("If-None-Match", "\"other\", " + etag));
        JsonNode changed = expect(200, "GET", "/api/openapi.json", given().header("If-None-Match", "\"other\""));
        assertEquals(Json.parse(served.asString()), changed);
    }

    @Test
    @Order(3)
    void access_shouldAnswerAsDocumented() {
        expect(200, "GET", "/api/access/me", Orders.as(buyer));
        expect(200, "GET", "/api/access/me/balances/", Orders.as(buyer).header("x-language", "en"));
    }

    @Test
    @Order(4)
    void catalog_shouldAnswerAsDocumented() {
        Shelf shelf = shelf();
        expect(200, "GET", "/api/categories/", Orders.as(buyer).queryParam("limit", 1));
        expect(200, "GET", "/api/categories/", Orders.as(buyer).queryParam("withStockOnly", "true")
                .queryParam("parent_id_or_slug", shelf.category));
        expect(404, "GET", "/api/categories/", Orders.as(buyer).queryParam("parent_id_or_slug", "no-such-shelf"));
        expect(422, "GET", "/api/categories/", Orders.as(buyer).queryParam("limit", 0).queryParam("cursor", "%%"));
        expect(200, "GET", "/api/categories/" + shelf.category, Orders.as(buyer).header("x-language", "en"));
        expect(404, "GET", "/api/categories/no-such-shelf", Orders.as(buyer));

        expect(200, "GET", "/api/products/", Orders.as(buyer).queryParam("category_id_or_slug", shelf.category)
                .queryParam("sort", "-price").queryParam("price_min", "1"));
        expect(200, "GET", "/api/products/", Orders.as(buyer).header("x-currency", "usd")
                .queryParam("category_id_or_slug", shelf.category));
        expect(404, "GET", "/api/products/", Orders.as(buyer).queryParam("category_id_or_slug", "no-such-shelf"));
        expect(422, "GET", "/api/products/", Orders.as(buyer).queryParam("sort", "cheapest"));
        expect(200, "GET", "/api/products/search", Orders.as(buyer).queryParam("query", shelf.token));
        expect(404, "GET", "/api/products/search", Orders.as(buyer).queryParam("query", "x")
                .queryParam("category_id_or_slug", "no-such-shelf"));
        expect(422, "GET", "/api/products/search", Orders.as(buyer));
        expect(200, "GET", "/api/products/" + shelf.product, Orders.as(buyer));
        expect(200, "GET", "/api/products/" + shelf.productSlug, Orders.as(buyer).header("x-currency", "usd"));
        expect(404, "GET", "/api/products/no-such-product", Orders.as(buyer));

        forgetRate("usd", "rub");
        forgetRate("rub", "usd");
        try {
            expect(503, "GET", "/api/products/" + shelf.product, Orders.as(buyer).header("x-currency", "usd"));
        } finally {
            Catalogs.baselineRate();
        }
    }

    @Test
    @Order(5)
    void orders_shouldAnswerAsDocumented() {
        Shelf shelf = shelf();
        ObjectNode body = Orders.body(shelf.product, 1, Fixtures.unique("key"));
        JsonNode completed = expect(200, "POST", "/api/orders/", json(Orders.as(buyer), body));
        assertEquals("completed", completed.path("status").asText(), completed.toString());
        Response replayed = Orders.post(buyer, body);
        assertEquals("true", replayed.header("Idempotent-Replayed"));
        expect(200, "POST", "/api/orders/", json(Orders.as(buyer), body));
        expect(200, "POST", "/api/orders/", json(Orders.as(buyer),
                Orders.body(shelf.product, 1, null).put("isMock", true)));
        expect(404, "POST", "/api/orders/", json(Orders.as(buyer), Orders.body(NO_SUCH_ID, 1, null)));
        expect(409, "POST", "/api/orders/", json(Orders.as(buyer), Orders.body(shelf.product, 5, null)));
        expect(422, "POST", "/api/orders/", json(Orders.as(buyer), Orders.body(shelf.product, 0, null)));
        expect(400, "POST", "/api/orders/", Orders.as(buyer).contentType("application/json").body("{\"items\":"));
        expect(415, "POST", "/api/orders/", Orders.as(buyer).contentType("text/plain").body("items"));
        expect(413, "POST", "/api/orders/", Orders.as(buyer).contentType("application/json")
                .body("{\"idempotencyKey\":\"" + "k".repeat(70_000) + "\"}"));

        Buyer broke = Orders.buyer(null);
        JsonNode pending = expect(200, "POST", "/api/orders/", json(Orders.as(broke),
                Orders.body(shelf.product, 1, null)));
        assertEquals("pending_payment", pending.path("status").asText(), pending.toString());
        String pendingPath = "/api/orders/" + pending.path("id").asText();

        expect(200, "GET", "/api/orders/", Orders.as(buyer).queryParam("statuses", "completed,active")
                .queryParam("payment_method", "balance").queryParam("limit", 5));
        expect(422, "GET", "/api/orders/", Orders.as(buyer).queryParam("statuses", "lost")
                .queryParam("created_from", "yesterday"));
        expect(200, "GET", "/api/orders/" + completed.path("id").asText(), Orders.as(buyer));
        expect(200, "GET", pendingPath, Orders.as(broke));
        expect(404, "GET", pendingPath, Orders.as(buyer));
        expect(422, "GET", "/api/orders/not-a-uuid", Orders.as(buyer));

        ProvidersResource.server().stubFor(post(urlEqualTo(Tribute.ORDERS)).willReturn(aResponse().withStatus(503)));
        expect(502, "POST", pendingPath + "/pay", Orders.as(broke));
        ProvidersResource.server().resetAll();
        Tribute.willCreate();
        expect(200, "POST", pendingPath + "/pay", Orders.as(broke));
        expect(409, "POST", "/api/orders/" + completed.path("id").asText() + "/pay", Orders.as(buyer));
        expect(404, "POST", "/api/orders/" + NO_SUCH_ID + "/pay", Orders.as(buyer));
        expect(422, "POST", "/api/orders/not-a-uuid/pay", Orders.as(buyer));
    }

    @Test
    @Order(6)
    void topUps_shouldAnswerAsDocumented() {
        expect(200, "GET", "/api/topups/rates/rub", Orders.as(buyer));
        expect(200, "GET", "/api/topups/rates/USDT", Orders.as(buyer));
        expect(422, "GET", "/api/topups/rates/eur", Orders.as(buyer));

        Tribute.willCreate();
        JsonNode fiat = expect(200, "POST", "/api/topups/fiat/", json(Orders.as(buyer),
                Json.object().put("paymentProvider", "tribute").put("quoteAmount", "1500.50")));
        expect(422, "POST", "/api/topups/fiat/", json(Orders.as(buyer),
                Json.object().put("paymentProvider", "paypal").put("quoteAmount", "-1")));
        expect(400, "POST", "/api/topups/fiat/", Orders.as(buyer).contentType("application/json").body("{"));
        expect(415, "POST", "/api/topups/fiat/", Orders.as(buyer).contentType("text/plain").body("{}"));
        ProvidersResource.server().stubFor(post(urlEqualTo(Tribute.ORDERS)).willReturn(aResponse().withStatus(503)));
        expect(502, "POST", "/api/topups/fiat/", json(Orders.as(buyer),
                Json.object().put("paymentProvider", "tribute").put("quoteAmount", "10")));
        expect(200, "GET", "/api/topups/fiat/", Orders.as(buyer).queryParam("limit", 1));
        expect(422, "GET", "/api/topups/fiat/", Orders.as(buyer).queryParam("limit", 101));
        expect(200, "GET", "/api/topups/fiat/" + fiat.path("id").asText(), Orders.as(buyer));
        expect(404, "GET", "/api/topups/fiat/" + NO_SUCH_ID, Orders.as(buyer));
        expect(422, "GET", "/api/topups/fiat/not-a-uuid", Orders.as(buyer));

        expect(200, "GET", "/api/topups/crypto/chains/", Orders.as(buyer));
        Exchanger.willCreate("65b1c0ffee0000000000fa01", "2.5");
        JsonNode crypto = expect(200, "POST", "/api/topups/crypto/", json(Orders.as(buyer), Json.object()
                .put("chain", "ton").put("asset", "ton").put("quoteAmount", "700").put("withTxPayload", true)));
        expect(422, "POST", "/api/topups/crypto/", json(Orders.as(buyer), Json.object()
                .put("chain", "dogecoin").put("asset", "doge").put("quoteAmount", "700")));
        expect(400, "POST", "/api/topups/crypto/", Orders.as(buyer).contentType("application/json").body("[1,"));
        expect(200, "GET", "/api/topups/crypto/", Orders.as(buyer));
        expect(200, "GET", "/api/topups/crypto/" + crypto.path("id").asText(), Orders.as(buyer));
        expect(404, "GET", "/api/topups/crypto/" + fiat.path("id").asText(), Orders.as(buyer));
        expect(422, "GET", "/api/topups/crypto/not-a-uuid", Orders.as(buyer));
    }

    @Test
    @Order(7)
    void webhookEndpoints_shouldAnswerAsDocumented() {
        JsonNode created = expect(200, "POST", "/api/webhook-endpoints/", json(Orders.as(buyer), endpoint()));
        String endpoint = "/api/webhook-endpoints/" + created.path("id").asText();
        ObjectNode refused = Json.object().put("url", "ftp://127.0.0.1/x");
        refused.putArray("events");
        expect(422, "POST", "/api/webhook-endpoints/", json(Orders.as(buyer), refused));
        expect(415, "POST", "/api/webhook-endpoints/", Orders.as(buyer).contentType("text/plain").body("{}"));
        expect(200, "GET", "/api/webhook-endpoints/", Orders.as(buyer));
        expect(200, "POST", endpoint + "/rotate-secret", Orders.as(buyer));
        expect(200, "POST", endpoint + "/replay", Orders.as(buyer));
        expect(404, "POST", "/api/webhook-endpoints/" + NO_SUCH_ID + "/rotate-secret", Orders.as(buyer));
        expect(404, "POST", "/api/webhook-endpoints/" + NO_SUCH_ID + "/replay", Orders.as(buyer));
        expect(204, "DELETE", endpoint, Orders.as(buyer));
        expect(404, "DELETE", endpoint, Orders.as(buyer));
        expect(422, "DELETE", "/api/webhook-endpoints/not-a-uuid", Orders.as(buyer));

        for (int i = 0; i < 10; i++) {
            expect(200, "POST", "/api/webhook-endpoints/", json(Orders.as(buyer), endpoint()));
        }
        expect(409, "POST", "/api/webhook-endpoints/", json(Orders.as(buyer), endpoint()));
    }

    /** After the others: every operation answered a success, and every secured one the errors every route has. */
    @Test
    @Order(100)
    void everyOperation_shouldHaveBeenAnsweredAsDocumented() {
        List<String> untested = new ArrayList<>();
        for (OpenApiContract.Operation operation : CONTRACT.operations()) {
            Set<Integer> seen = ANSWERED.getOrDefault(operation.key(), Set.of());
            Set<Integer> needed = new TreeSet<>(Set.of(405, 422));
            if (!operation.node().has("security")) {
                needed.addAll(Set.of(401, 403));
            }
            boolean success = seen.stream().anyMatch(status -> status / 100 == 2);
            if (!success || !seen.containsAll(needed)) {
                untested.add(operation.key() + " answered only " + seen);
            }
        }
        assertEquals(List.of(), untested);
    }

    /** Sends the request, asserts the status, judges the answer against the document; answers the JSON body. */
    private static JsonNode expect(int status, String method, String path, RequestSpecification request) {
        Response response = request.when().request(method, path);
        String body = response.asString();
        assertEquals(status, response.statusCode(), method + " " + path + " -> " + body);
        Map<String, String> headers = new TreeMap<>();
        for (Header header : response.headers()) {
            headers.put(header.getName().toLowerCase(Locale.ROOT), header.getValue());
        }
        assertEquals(List.of(), CONTRACT.check(method, path, status, headers, body));
        // a 405 answers for the whole path, whichever of its operations documents it
        List<OpenApiContract.Operation> answering = status == 405 ? CONTRACT.operationsOfPath(path)
                : CONTRACT.operationFor(method, path, status).stream().toList();
        answering.forEach(operation -> ANSWERED.computeIfAbsent(operation.key(), key -> new TreeSet<>()).add(status));
        return body.isEmpty() ? null : Json.parse(body);
    }

    private static RequestSpecification json(RequestSpecification request, ObjectNode body) {
        return request.contentType("application/json").body(Json.write(body));
    }

    private static ObjectNode endpoint() {
        ObjectNode body = Json.object().put("url", "http://127.0.0.1:9/hooks/" + Fixtures.unique("contract"))
                .put("description", "contract test");
        body.putArray("events").add("order.completed").add("topup.completed");
        return body;
    }

    /** A path of the template with a well-formed id or slug in each variable. */
    private static String concrete(String template) {
        return template.replaceAll("\\{[a-z_]*id}", NO_SUCH_ID).replaceAll("\\{[^}]+}", "rub");
    }

    /** A category with one product (2 codes) whose name holds a fresh token, so a search finds it. */
    private record Shelf(String category, String product, String productSlug, String token) {
    }

    private static Shelf shelf() {
        String prefix = Fixtures.unique("shelf");
        String token = Catalogs.cyrillicToken();
        ObjectNode event = Catalogs.importEvent();
        Catalogs.category(event, prefix, "Полка", "Shelf");
        Catalogs.product(event, prefix + "-key", prefix, "Ключ " + token, "Key " + token, "4990.00", "rub")
                .put("orderMaxQuantity", 10);
        JsonNode imported = Catalogs.load(event);
        String product = Catalogs.id(imported, "products", prefix + "-key");
        Catalogs.stock(product, 2);
        return new Shelf(prefix, product, prefix + "-key", token);
    }

    private void forgetRate(String from, String to) {
        dynamo.deleteItem(DeleteItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key("RATE#" + from + "#" + to, "RATE")).build());
    }
}
