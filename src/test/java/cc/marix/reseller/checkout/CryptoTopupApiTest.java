package cc.marix.reseller.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Crypto top-ups and the chains through the HTTP front, with the exchanger a real HTTP server (WireMock). */
@QuarkusTest
class CryptoTopupApiTest {

    private WireMockServer provider;
    private Buyer buyer;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        provider = ProvidersResource.server();
        provider.resetAll();
        buyer = Orders.buyer(null);
    }

    @Test
    void aTopUp_shouldCreateAnExchangerOrder_withAFreshSecretAndItsOwnIpnUrl_andLockTheRate() {
        JsonNode topUp = Exchanger.topUp(buyer, "1500", "65b1c0ffee0000000000aaaa", "16.483516");

        provider.verify(1, postRequestedFor(urlEqualTo(Exchanger.CREATE))
                .withHeader("x-api-key", WireMock.equalTo(Exchanger.API_KEY))
                .withHeader("Content-Type", WireMock.containing("application/x-www-form-urlencoded")));
        Map<String, String> form = Exchanger.lastCreate();
        assertEquals("65a000000000000000000001", form.get("routeId"));
        assertEquals("marix", form.get("partner"));
        assertEquals("1500.00", form.get("amount"));
        assertEquals("https://ipn.example/callbacks/exchanger/" + topUp.path("id").asText(), form.get("ipnUrl"));
        assertTrue(form.get("ipnSecret").matches("[0-9a-f]{64}"), form.get("ipnSecret"));
        assertEquals("pending", topUp.path("status").asText());
        assertEquals("65b1c0ffee0000000000aaaa", topUp.path("paymentId").asText());
        assertEquals(Exchanger.ADDRESS, topUp.path("address").asText());
        assertEquals("16.483516", topUp.path("amountToSend").asText());
        assertEquals("tron", topUp.path("chain").asText());
        assertEquals("usdt", topUp.path("asset").asText());
        assertEquals("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", topUp.path("tokenAddress").asText());
        // 1500 / 16.483516 = 91.00000... rub per USDT
        assertTrue(topUp.path("rate").asText().startsWith("91.0000"), topUp.toString());
        assertEquals("1500.00", topUp.path("quoteAmount").asText());
        assertTrue(topUp.path("expiresAt").asText().endsWith("Z"));

        Exchanger.topUp(buyer, "1500", "65b1c0ffee0000000000bbbb", "16.483516");
        assertNotEquals(form.get("ipnSecret"), Exchanger.lastCreate().get("ipnSecret"), "a secret per top-up");

        JsonNode list = json(Orders.as(buyer).get("/api/topups/crypto/").then().statusCode(200));
        assertEquals(2, list.size());
        assertEquals("65b1c0ffee0000000000bbbb", list.get(0).path("paymentId").asText(), "newest first");
        JsonNode one = json(Orders.as(buyer).get("/api/topups/crypto/" + topUp.path("id").asText()).then()
                .statusCode(200));
        assertEquals(topUp.path("address"), one.path("address"));
        Orders.as(Orders.buyer(null)).get("/api/topups/crypto/" + topUp.path("id").asText()).then().statusCode(404);
        Orders.as(buyer).get("/api/topups/fiat/" + topUp.path("id").asText()).then().statusCode(404);
    }

    @Test
    void anEvmTokenTopUp_shouldOfferTheTransferCall_whenAsked() {
        Exchanger.willCreate("65b1c0ffee0000000000cccc", "10.5");
        provider.stubFor(post(urlEqualTo(Exchanger.CREATE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"orderId\":\"65b1c0ffee0000000000cccc\","
                        + "\"status\":\"new\",\"inAmount\":\"10.5\",\"address\":"
                        + "\"0x52908400098527886E0F7030069857D2E4169EE7\"}")));

        JsonNode topUp = json(create("{\"chain\":\"ethereum\",\"asset\":\"usdt\",\"quoteAmount\":\"955.5\","
                + "\"withTxPayload\":true}").then().statusCode(200));

        JsonNode payload = topUp.path("txPayload");
        assertEquals("evm_call", payload.path("kind").asText(), topUp.toString());
        assertEquals(1, payload.path("evmCall").path("chainId").asLong());
        assertEquals("0xdAC17F958D2ee523a2206206994597C13D831ec7", payload.path("evmCall").path("to").asText());
        assertEquals("0", payload.path("evmCall").path("value").asText());
        // transfer(0x5290...9ee7, 10.5 USDT = 10500000 base units)
        assertEquals("0xa9059cbb00000000000000000000000052908400098527886e0f7030069857d2e4169ee7"
                + "0000000000000000000000000000000000000000000000000000000000a037a0",
                payload.path("evmCall").path("data").asText());
    }

    @Test
    void exchangerFailures_shouldBe502or503_andCreateNothing() {
        provider.stubFor(post(urlEqualTo(Exchanger.CREATE)).willReturn(aResponse().withStatus(500)));
        create(tron("100")).then().statusCode(502).body("error", equalTo("provider_error"));

        provider.stubFor(post(urlEqualTo(Exchanger.CREATE)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(4_000)));
        create(tron("100")).then().statusCode(503).body("error", equalTo("provider_unavailable"))
                .header("Retry-After", "30");

        provider.stubFor(post(urlEqualTo(Exchanger.CREATE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"orderId\":\"x\",\"inAmount\":\"abc\"}")));
        create(tron("100")).then().statusCode(502).body("error", equalTo("provider_error"));

        assertEquals(0, json(Orders.as(buyer).get("/api/topups/crypto/").then().statusCode(200)).size());
    }

    @Test
    void anEvmTopUp_shouldBe502_andWriteNothing_whenTheExchangerNamesAnAddressNoEvmChainHas() {
        Exchanger.willCreate("65b1c0ffee0000000000eeee", "10.5");

        create("{\"chain\":\"ethereum\",\"asset\":\"usdt\",\"quoteAmount\":\"955.5\",\"withTxPayload\":true}")
                .then().statusCode(502).body("error", equalTo("provider_error"));

        assertEquals(0, json(Orders.as(buyer).get("/api/topups/crypto/").then().statusCode(200)).size());
    }

    @Test
    void badRequests_shouldBe422_andCallNoExchanger() {
        expect422("{\"chain\":\"solana\",\"asset\":\"usdt\",\"quoteAmount\":\"100\"}", "chain", "enum");
        expect422("{\"chain\":\"bitcoin\",\"asset\":\"btc\",\"quoteAmount\":\"100\"}", "chain", "chain_disabled");
        expect422("{\"chain\":\"tron\",\"asset\":\"trx\",\"quoteAmount\":\"100\"}", "asset", "enum");
        expect422("{\"chain\":\"ton\",\"asset\":\"ton\",\"balanceCurrency\":\"usd\",\"quoteAmount\":\"100\"}",
                "balanceCurrency", "route_unavailable");
        expect422(tron("0"), "quoteAmount", "greater_than");
        expect422(tron("500001"), "quoteAmount", "less_than_equal");
        expect422("{\"chain\":\"tron\",\"asset\":\"usdt\",\"quoteAmount\":\"10\",\"withTxPayload\":\"yes\"}",
                "withTxPayload", "bool_type");
        expect422("{\"asset\":\"usdt\",\"quoteAmount\":\"10\"}", "chain", "missing");
        provider.verify(0, postRequestedFor(urlEqualTo(Exchanger.CREATE)));
    }

    @Test
    void chains_shouldListTheConfiguredChainsAndAssets() {
        JsonNode chains = json(Orders.as(buyer).get("/api/topups/crypto/chains/").then().statusCode(200))
                .path("chains");

        JsonNode tron = chains.get(0);
        assertEquals("tron", tron.path("id").asText());
        assertTrue(tron.path("enabled").asBoolean());
        assertEquals(20, tron.path("minConfirmations").asInt());
        assertEquals(Json.parse("{\"id\":\"usdt\",\"symbol\":\"USDT\",\"decimals\":6,\"isStablecoin\":true,"
                + "\"tokenAddress\":\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\"}"), tron.path("assets").get(0));
        assertEquals(false, chains.get(3).path("enabled").asBoolean());
        Catalogs.as("wrong-key").get("/api/topups/crypto/chains/").then().statusCode(401);
    }

    private void expect422(String body, String field, String type) {
        JsonNode answer = json(create(body).then().statusCode(422));
        boolean found = false;
        for (JsonNode violation : answer.path("detail")) {
            found |= field.equals(violation.path("loc").path(1).asText())
                    && type.equals(violation.path("type").asText());
        }
        assertTrue(found, field + " " + type + " in " + answer);
    }

    private static String tron(String quote) {
        return "{\"chain\":\"tron\",\"asset\":\"usdt\",\"quoteAmount\":\"" + quote + "\"}";
    }

    private Response create(String body) {
        return Orders.as(buyer).contentType("application/json").body(body).post("/api/topups/crypto/");
    }

    private static JsonNode json(io.restassured.response.ValidatableResponse response) {
        return Json.parse(response.extract().asString());
    }
}
