package cc.marix.reseller.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.signing.HmacSha256;
import io.restassured.response.Response;

/** Tribute as the tests play it: its API answers (WireMock) and its signed webhooks. */
public final class Tribute {

    /** The key of local runs (scripts/run-local.sh) and tests; the events folder's webhooks are signed with it. */
    public static final String API_KEY = "demo-tribute-api-key";
    public static final String ORDERS = ProvidersResource.TRIBUTE + "/api/v1/shop/orders";

    private Tribute() {
    }

    /** Tribute answers the next order creations with this uuid; returns it. */
    public static String willCreate(String uuid) {
        ProvidersResource.server().stubFor(post(urlEqualTo(ORDERS)).withHeader("Api-Key", equalTo(API_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"uuid\":\"" + uuid + "\",\"paymentUrl\":\"https://web.tribute.tg/shop/pay/"
                                + uuid + "\"}")));
        return uuid;
    }

    public static String willCreate() {
        return willCreate(UUID.randomUUID().toString());
    }

    /** Tribute answers each order creation from now on with a fresh uuid, as it does for concurrent payers. */
    public static void willCreateFresh() {
        ProvidersResource.server().stubFor(post(urlEqualTo(ORDERS)).withHeader("Api-Key", equalTo(API_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"uuid\":\"{{randomValue type='UUID'}}\","
                                + "\"paymentUrl\":\"https://web.tribute.tg/shop/pay/{{randomValue type='UUID'}}\"}")
                        .withTransformers("response-template")));
    }

    /** Tribute's status call for this order answers {@code status}. */
    public static void statusIs(String uuid, String status) {
        ProvidersResource.server().stubFor(get(urlEqualTo(ORDERS + "/" + uuid + "/status"))
                .withHeader("Api-Key", equalTo(API_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"" + status + "\"}")));
    }

    /** A rub top-up of {@code quote} through Tribute, as the buyer creates it; Tribute names it {@code uuid}. */
    public static JsonNode topUp(Orders.Buyer buyer, String quote, String uuid) {
        willCreate(uuid);
        TestStack.useHttpFront();
        return Json.parse(Orders.as(buyer).contentType("application/json")
                .body("{\"paymentProvider\":\"tribute\",\"balanceCurrency\":\"rub\",\"quoteAmount\":\"" + quote
                        + "\"}")
                .post("/api/topups/fiat/").then().statusCode(200).extract().asString());
    }

    /** A webhook event as Tribute sends it. */
    public static ObjectNode event(String name, String uuid, String status, long amountMinor, String currency,
            String sentAt) {
        ObjectNode event = Json.object().put("name", name).put("created_at", "2026-11-23T10:00:00.123456Z")
                .put("sent_at", sentAt);
        ObjectNode payload = event.putObject("payload").put("uuid", uuid).put("amount", amountMinor)
                .put("currency", currency);
        if (status != null) {
            payload.put("status", status);
        }
        return event;
    }

    public static ObjectNode paid(String uuid, long amountMinor) {
        return event("shop_order", uuid, "paid", amountMinor, "rub", "2026-11-23T10:00:01Z");
    }

    public static String sign(byte[] body, String key) {
        return HmacSha256.hex(key, body);
    }

    /** The event as a Function URL event, signed with our API key as Tribute signs it: for the handler's threads. */
    public static APIGatewayV2HTTPEvent webhookEvent(ObjectNode event) {
        byte[] body = Json.write(event).getBytes(StandardCharsets.UTF_8);
        return HttpEvents.event("POST", "/callbacks/tribute", "", Map.of("content-type", "application/json",
                "trbt-signature", sign(body, API_KEY)), body);
    }

    /** Posts the event signed with our API key, as Tribute does. */
    public static Response send(ObjectNode event) {
        byte[] body = Json.write(event).getBytes(StandardCharsets.UTF_8);
        return send(body, sign(body, API_KEY));
    }

    public static Response send(byte[] body, String signature) {
        TestStack.useHttpFront();
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header("trbt-signature", signature);
        }
        return request.when().post("/callbacks/tribute");
    }
}
