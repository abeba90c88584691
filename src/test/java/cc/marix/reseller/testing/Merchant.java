package cc.marix.reseller.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.signing.MerchantGatewaySignature;
import io.restassured.response.Response;

/** The merchant gateway as the tests play it: its API (WireMock) and its signed callbacks V3. */
public final class Merchant {

    public static final String API_KEY = "demo-merchant-api-key";
    public static final String SECRET = "demo-merchant-secret";
    public static final String ORDERS = ProvidersResource.MERCHANT + "/api/v1/orders";

    private Merchant() {
    }

    /** The gateway answers the next order creations with this uuid. */
    public static void willCreate(String uuid) {
        ProvidersResource.server().stubFor(post(urlEqualTo(ORDERS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"uuid\":\"" + uuid + "\",\"status\":\"new\",\"payment_url\":\"https://pay.gateway.example/"
                        + uuid + "\"}")));
    }

    /** The gateway answers each order creation from now on with a fresh uuid, as it does for concurrent payers. */
    public static void willCreateFresh() {
        ProvidersResource.server().stubFor(post(urlEqualTo(ORDERS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"uuid\":\"{{randomValue type='UUID'}}\",\"status\":\"new\","
                        + "\"payment_url\":\"https://pay.gateway.example/{{randomValue type='UUID'}}\"}")
                .withTransformers("response-template")));
    }

    public static void statusIs(String uuid, String status, String amountLocal) {
        ProvidersResource.server().stubFor(get(urlEqualTo(ORDERS + "/" + uuid)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"uuid\":\"" + uuid + "\",\"status\":\"" + status + "\",\"amount_local\":\"" + amountLocal
                        + "\",\"currency\":\"RUB\"}")));
    }

    /** A rub top-up of {@code quote} through the gateway, as the buyer creates it. */
    public static JsonNode topUp(Orders.Buyer buyer, String quote, String uuid) {
        willCreate(uuid);
        TestStack.useHttpFront();
        return Json.parse(Orders.as(buyer).contentType("application/json")
                .body("{\"paymentProvider\":\"merchant\",\"balanceCurrency\":\"rub\",\"quoteAmount\":\"" + quote + "\"}")
                .post("/api/topups/fiat/").then().statusCode(200).extract().asString());
    }

    /** A callback V3 body. */
    public static String callback(String status, String amountLocal, String topUpId, String gatewayUuid) {
        return "{\"uuid\":\"" + gatewayUuid + "\",\"status\":\"" + status + "\",\"amount_usdt\":15.21,\"amount_local\":" + amountLocal
                + ",\"currency\":\"RUB\",\"merchant_commission\":-0.098,\"merchant_order_id\":\"" + topUpId + "\"}";
    }

    /** Posts the callback signed with {@code secret} at {@code signedAt}. */
    public static Response send(String body, String secret, Instant signedAt) {
        String timestamp = Long.toString(signedAt.getEpochSecond());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        TestStack.useHttpFront();
        return given().contentType("application/json").header("X-Timestamp", timestamp)
                .header("X-Signature", MerchantGatewaySignature.sign(secret, timestamp, bytes)).body(bytes)
                .when().post("/callbacks/merchant");
    }

    /** The callback as a Function URL event, signed with our secret at {@code signedAt}: for the handler's threads. */
    public static APIGatewayV2HTTPEvent callbackEvent(String body, Instant signedAt) {
        String timestamp = Long.toString(signedAt.getEpochSecond());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpEvents.event("POST", "/callbacks/merchant", "", Map.of("content-type", "application/json",
                "x-timestamp", timestamp, "x-signature", MerchantGatewaySignature.sign(SECRET, timestamp, bytes)),
                bytes);
    }
}
