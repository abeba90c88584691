package cc.marix.reseller.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import cc.marix.reseller.signing.ExchangerIpnSignature;
import io.restassured.response.Response;

/** The exchanger as the tests play it: its order API (WireMock) and its IPNs, signed as it signs them. */
public final class Exchanger {

    public static final String API_KEY = "demo-exchanger-api-key";
    public static final String CREATE = ProvidersResource.EXCHANGER + "/public/exchanger/order/create";
    public static final String INFO = ProvidersResource.EXCHANGER + "/public/exchanger/order/info";
    public static final String ADDRESS = "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf";

    private Exchanger() {
    }

    /** The exchanger answers the next order creations with this order, to send {@code inAmount}. */
    public static void willCreate(String orderId, String inAmount) {
        ProvidersResource.server().stubFor(post(urlEqualTo(CREATE)).withHeader("x-api-key", equalTo(API_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"orderId\":\"" + orderId + "\",\"orderUID\":4021,\"status\":\"new\","
                                + "\"inAmount\":\"" + inAmount + "\",\"outAmount\":\"1500\",\"address\":\"" + ADDRESS
                                + "\"}")));
    }

    /** The exchanger's status call for this order answers {@code status}, {@code outAmount} paid out to us. */
    public static void statusIs(String orderId, String status, String outAmount) {
        ProvidersResource.server().stubFor(get(urlPathEqualTo(INFO)).withQueryParam("orderId", equalTo(orderId))
                .withHeader("x-api-key", equalTo(API_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\",\"inAmount\":\"1\","
                                + "\"outAmount\":\"" + outAmount + "\",\"address\":\"" + ADDRESS + "\"}")));
    }

    /** A rub crypto top-up of {@code quote} in USDT on Tron, as the buyer creates it. */
    public static JsonNode topUp(Orders.Buyer buyer, String quote, String orderId, String inAmount) {
        willCreate(orderId, inAmount);
        TestStack.useHttpFront();
        return Json.parse(Orders.as(buyer).contentType("application/json")
                .body("{\"chain\":\"tron\",\"asset\":\"usdt\",\"balanceCurrency\":\"rub\",\"quoteAmount\":\"" + quote
                        + "\"}")
                .post("/api/topups/crypto/").then().statusCode(200).extract().asString());
    }

    /** The form of the last order creation the exchanger received. */
    public static Map<String, String> lastCreate() {
        List<LoggedRequest> requests = ProvidersResource.server().findAll(postRequestedFor(urlEqualTo(CREATE)));
        return form(requests.get(requests.size() - 1).getBodyAsString());
    }

    public static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    /** An IPN as the exchanger sends it, signed with {@code secret}: the full quote of 1500 paid out. */
    public static Map<String, String> ipn(String orderId, String status, String inAmount, String timestamp,
            String secret) {
        return ipn(orderId, status, inAmount, "1500", timestamp, secret);
    }

    public static Map<String, String> ipn(String orderId, String status, String inAmount, String outAmount,
            String timestamp, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("orderUID", "4021");
        form.put("orderId", orderId);
        form.put("newStatus", status);
        form.put("inAmount", inAmount);
        form.put("outAmount", outAmount);
        form.put("xml_from", "USDTTRC20");
        form.put("xml_to", "CARDRUB");
        form.put("timestamp", timestamp);
        form.put("hash", ExchangerIpnSignature.checksum(new ExchangerIpnSignature.Fields(orderId, status, inAmount,
                outAmount, "USDTTRC20", "CARDRUB", timestamp), secret));
        return form;
    }

    public static String encode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** The IPN as a Function URL event to the URL the top-up gave the exchanger: for the handler's threads. */
    public static APIGatewayV2HTTPEvent ipnEvent(String ipnUrl, Map<String, String> form) {
        return HttpEvents.event("POST", URI.create(ipnUrl).getPath(), "", Map.of("content-type",
                "application/x-www-form-urlencoded"), encode(form).getBytes(StandardCharsets.UTF_8));
    }

    /** Posts the IPN to the URL the top-up gave the exchanger (its path, on our front). */
    public static Response send(String ipnUrl, Map<String, String> form) {
        TestStack.useHttpFront();
        return given().contentType("application/x-www-form-urlencoded").body(encode(form))
                .when().post(URI.create(ipnUrl).getPath());
    }
}
