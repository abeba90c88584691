package cc.marix.reseller.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import cc.marix.reseller.provider.tribute.TributeApi;
import cc.marix.reseller.provider.tribute.TributeGateway;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Fiat top-ups and the rates through the HTTP front, with Tribute a real HTTP server (WireMock): the exact request
 * our client sends, and what a failing Tribute leaves behind (nothing).
 */
@QuarkusTest
class FiatTopupApiTest {

    @Inject
    TributeGateway tribute;

    private WireMockServer provider;
    private Buyer buyer;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        provider = ProvidersResource.server();
        provider.resetAll();
        buyer = Orders.buyer(null);
    }

    @Test
    void tributeTopUp_shouldSendTheExactShopOrder_andAnswerThePaymentPage() {
        String uuid = Tribute.willCreate();

        JsonNode topUp = json(create(body("tribute", "rub", "1500.5", null).put("returnUrl", "https://shop.example/back"))
                .then().statusCode(200));

        assertEquals("pending", topUp.path("status").asText());
        assertEquals(uuid, topUp.path("paymentId").asText());
        assertEquals("https://web.tribute.tg/shop/pay/" + uuid, topUp.path("confirmationUrl").asText());
        assertEquals("1500.50", topUp.path("quoteAmount").asText());
        assertEquals("1500.50", topUp.path("paymentAmount").asText());
        assertEquals("rub", topUp.path("paymentCurrency").asText());
        assertEquals("1", topUp.path("rate").asText());
        assertEquals("tribute", topUp.path("provider").asText());
        provider.verify(1, postRequestedFor(urlEqualTo(Tribute.ORDERS))
                .withHeader("Api-Key", WireMock.equalTo(Tribute.API_KEY))
                .withHeader("Content-Type", WireMock.equalTo("application/json"))
                .withRequestBody(equalToJson("{\"amount\":150050,\"currency\":\"rub\",\"title\":\"Balance top-up\","
                        + "\"description\":\"Top-up of 1500.50 rub to a Marix balance (" + topUp.path("id").asText()
                        + ")\",\"successUrl\":\"https://shop.example/back\","
                        + "\"failUrl\":\"https://shop.example/back\"}")));
        JsonNode again = json(Orders.as(buyer).get("/api/topups/fiat/" + topUp.path("id").asText()).then()
                .statusCode(200));
        assertEquals(topUp, again);
        JsonNode list = json(Orders.as(buyer).get("/api/topups/fiat/").then().statusCode(200));
        assertEquals(1, list.size());
        assertEquals(topUp, list.get(0));
    }

    @Test
    void paymentInUsd_shouldBeConvertedAtTheStoredRate() {
        Tribute.willCreate();

        JsonNode topUp = json(create(body("tribute", "rub", "925", "usd")).then().statusCode(200));

        // 1 rub = 1 / 92.50 usd; 925 rub = 10.00 usd
        assertEquals("10.00", topUp.path("paymentAmount").asText());
        assertEquals("usd", topUp.path("paymentCurrency").asText());
        assertEquals("925.00", topUp.path("quoteAmount").asText());
        provider.verify(postRequestedFor(urlEqualTo(Tribute.ORDERS))
                .withRequestBody(equalToJson("{\"amount\":1000,\"currency\":\"usd\"}", true, true)));
    }

    @Test
    void tributeAnswering500_shouldBe502_andCreateNothing() {
        provider.stubFor(post(urlEqualTo(Tribute.ORDERS)).willReturn(aResponse().withStatus(500)));

        create(body("tribute", "rub", "100", null)).then().statusCode(502).body("error", equalTo("provider_error"));

        assertEquals(0, json(Orders.as(buyer).get("/api/topups/fiat/").then().statusCode(200)).size());
    }

    @Test
    void tributeTooSlow_orDroppingTheConnection_shouldBe503WithRetryAfter_andCreateNothing() {
        provider.stubFor(post(urlEqualTo(Tribute.ORDERS)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(4_000)));
        create(body("tribute", "rub", "100", null)).then().statusCode(503)
                .body("error", equalTo("provider_unavailable")).header("Retry-After", "30");

        provider.stubFor(post(urlEqualTo(Tribute.ORDERS)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        create(body("tribute", "rub", "100", null)).then().statusCode(503)
                .body("error", equalTo("provider_unavailable"));

        assertEquals(0, json(Orders.as(buyer).get("/api/topups/fiat/").then().statusCode(200)).size());
    }

    @Test
    void tributeAnsweringWithoutAPaymentUrl_shouldBe502_andCreateNothing() {
        provider.stubFor(post(urlEqualTo(Tribute.ORDERS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"uuid\":\"x\"}")));

        create(body("tribute", "rub", "100", null)).then().statusCode(502).body("error", equalTo("provider_error"));

        assertEquals(0, json(Orders.as(buyer).get("/api/topups/fiat/").then().statusCode(200)).size());
    }

    @Test
    void aPaymentRoundingToZero_shouldBe422_andCallNoProvider() {
        // 0.01 rub at 1 / 92.50 = 0.000108 usd: nothing to pay, so nothing to credit for
        JsonNode answer = json(create(body("tribute", "rub", "0.01", "usd")).then().statusCode(422));

        assertEquals("amount_too_small", answer.path("error").asText(), answer.toString());
        assertEquals("quoteAmount", answer.path("detail").path(0).path("loc").path(1).asText());
        provider.verify(0, postRequestedFor(urlEqualTo(Tribute.ORDERS)));
        assertEquals(0, json(Orders.as(buyer).get("/api/topups/fiat/").then().statusCode(200)).size());
        // the smallest payment that is not zero is taken
        Tribute.willCreate();
        create(body("tribute", "rub", "0.47", "usd")).then().statusCode(200).body("paymentAmount", equalTo("0.01"));
    }

    @Test
    void badRequests_shouldBe422_andCallNoProvider() {
        expect422(body("paypal", "rub", "100", null), List.of("body", "paymentProvider"), "enum");
        expect422(body("exchanger", "rub", "100", null), List.of("body", "paymentProvider"), "enum");
        expect422(body("tribute", "eur", "100", null), List.of("body", "balanceCurrency"), "enum");
        expect422(body("tribute", "rub", "100", "btc"), List.of("body", "paymentCurrency"), "enum");
        expect422(body("tribute", "rub", "0", null), List.of("body", "quoteAmount"), "greater_than");
        expect422(body("tribute", "rub", "-5", null), List.of("body", "quoteAmount"), null);
        expect422(body("tribute", "rub", "500000.01", null), List.of("body", "quoteAmount"), "less_than_equal");
        expect422(body("tribute", "usd", "5001", null), List.of("body", "quoteAmount"), "less_than_equal");
        expect422(body("tribute", "rub", "1.001", null), List.of("body", "quoteAmount"), null);
        expect422(body("tribute", "rub", "100", null).put("returnUrl", "javascript:alert(1)"),
                List.of("body", "returnUrl"), "url_parsing");
        ObjectNode missing = Json.object();
        expect422(missing, List.of("body", "paymentProvider"), "missing");
        create(Json.object()).then().statusCode(422);
        Orders.as(buyer).contentType("application/json").body("{not json").post("/api/topups/fiat/").then()
                .statusCode(400).body("error", equalTo("malformed_json"));
        Orders.as(buyer).contentType("application/json").body("[1]").post("/api/topups/fiat/").then()
                .statusCode(422);
        provider.verify(0, postRequestedFor(urlEqualTo(Tribute.ORDERS)));
    }

    @Test
    void aTopUp_shouldBeSeenOnlyByItsOwner() {
        Tribute.willCreate();
        String id = json(create(body("tribute", "rub", "100", null)).then().statusCode(200)).path("id").asText();
        Buyer other = Orders.buyer(null);

        Orders.as(other).get("/api/topups/fiat/" + id).then().statusCode(404).body("error", equalTo("topup_not_found"));
        assertEquals(0, json(Orders.as(other).get("/api/topups/fiat/").then().statusCode(200)).size());
        Orders.as(buyer).get("/api/topups/fiat/not-a-uuid").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("topup_id"));
        Orders.as(buyer).get("/api/topups/fiat/019ad428-e9cd-7982-a6fa-0ec0eebce25d").then().statusCode(404);
        Catalogs.as("wrong-key").get("/api/topups/fiat/" + id).then().statusCode(401);
        Orders.as(buyer).get("/api/topups/fiat/?limit=0").then().statusCode(422);
    }

    @Test
    void rates_shouldExpressEveryTopUpCurrencyInTheOneAsked() {
        JsonNode rub = json(Orders.as(buyer).get("/api/topups/rates/rub").then().statusCode(200));
        assertEquals("rub", rub.path("to").asText());
        assertEquals(Json.parse("[{\"from\":\"rub\",\"to\":\"rub\",\"rate\":\"1\",\"source\":\"identity\"},"
                + "{\"from\":\"usd\",\"to\":\"rub\",\"rate\":\"" + Catalogs.USD_RUB.replaceAll("0+$", "")
                + "\",\"source\":\"stored\"}]"), fiat(rub.path("rates")));
        JsonNode usd = json(Orders.as(buyer).get("/api/topups/rates/usd").then().statusCode(200));
        // setRate stores the inverse with the rate it was given: 1 / 92.50 rounded down
        assertEquals("stored", usd.path("rates").path(0).path("source").asText());
        assertEquals("0.0108108108", usd.path("rates").path(0).path("rate").asText());
        Orders.as(buyer).get("/api/topups/rates/eur").then().statusCode(422).body("detail[0].loc[1]", equalTo("to"));
        Catalogs.as("wrong-key").get("/api/topups/rates/rub").then().statusCode(401);
    }

    /** The rates of the fiat currencies (the crypto assets' follow them: TopupRatesTest). */
    private static JsonNode fiat(JsonNode rates) {
        ArrayNode fiat = Json.MAPPER.createArrayNode();
        rates.forEach(rate -> {
            if (List.of("rub", "usd").contains(rate.path("from").asText())) {
                fiat.add(rate);
            }
        });
        return fiat;
    }

    @Test
    void theClient_shouldSendTheApiKeyOnEveryCall() {
        provider.stubFor(get(urlEqualTo(ProvidersResource.TRIBUTE + "/api/v1/shop")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"userId\":123,\"link\":\"myshop\",\"callbackUrl\":\"https://example.com/webhook\","
                        + "\"recurringAvailable\":true,\"onlyStars\":false,\"status\":1}")));
        Tribute.statusIs("550e8400-e29b-41d4-a716-446655440000", "paid");

        TributeApi.Shop shop = tribute.shop();

        assertEquals("myshop", shop.link());
        assertEquals("paid", tribute.status("550e8400-e29b-41d4-a716-446655440000").status());
        provider.verify(getRequestedFor(urlEqualTo(ProvidersResource.TRIBUTE + "/api/v1/shop"))
                .withHeader("Api-Key", WireMock.equalTo(Tribute.API_KEY)));
        provider.verify(getRequestedFor(urlEqualTo(Tribute.ORDERS + "/550e8400-e29b-41d4-a716-446655440000/status"))
                .withHeader("Api-Key", WireMock.equalTo(Tribute.API_KEY)));
    }

    private void expect422(ObjectNode body, List<String> loc, String type) {
        JsonNode answer = json(create(body).then().statusCode(422));
        JsonNode detail = answer.path("detail");
        boolean found = false;
        for (JsonNode violation : detail) {
            if (Json.parse(Json.write(loc)).equals(violation.path("loc"))
                    && (type == null || type.equals(violation.path("type").asText()))) {
                found = true;
            }
        }
        assertTrue(found, "expected " + loc + " " + type + " in " + answer);
    }

    private ObjectNode body(String provider, String balanceCurrency, String quote, String paymentCurrency) {
        ObjectNode body = Json.object().put("paymentProvider", provider).put("balanceCurrency", balanceCurrency);
        body.set("quoteAmount", Json.parse(quote));
        if (paymentCurrency != null) {
            body.put("paymentCurrency", paymentCurrency);
        }
        return body;
    }

    private Response create(ObjectNode body) {
        return Orders.as(buyer).contentType("application/json").body(Json.write(body)).post("/api/topups/fiat/");
    }

    private static JsonNode json(io.restassured.response.ValidatableResponse response) {
        return Json.parse(response.extract().asString());
    }
}
