package cc.marix.reseller.testing;


import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** API users with money, and orders of the public API: through the HTTP front, or as HTTP API events for threads. */
public final class Orders {

    /** An API user: its id and key. */
    public record Buyer(String userId, String apiKey) {
    }

    private Orders() {
    }

    /** A new API user, credited {@code rub} in rub (nothing when null). */
    public static Buyer buyer(String rub) {
        JsonNode created = Fixtures.admin(Json.object().put("action", "createApiUser")
                .put("email", Fixtures.unique("buyer") + "@example.com"));
        Buyer buyer = new Buyer(created.path("id").asText(), created.path("apiKey").asText());
        if (rub != null) {
            credit(buyer, "rub", rub);
        }
        return buyer;
    }

    public static void credit(Buyer buyer, String currency, String amount) {
        JsonNode answer = Fixtures.admin(Json.object().put("action", "adjustBalance").put("userId", buyer.userId())
                .put("currency", currency).put("amount", amount).put("reason", "test top-up"));
        if (answer.has("error")) {
            throw new IllegalStateException("adjustBalance failed: " + answer);
        }
    }

    /** A body of one item. */
    public static ObjectNode body(String itemId, int quantity, String idempotencyKey) {
        ObjectNode body = Json.object();
        body.putArray("items").addObject().put("itemId", itemId).put("quantity", quantity).putObject("note");
        if (idempotencyKey != null) {
            body.put("idempotencyKey", idempotencyKey);
        }
        return body;
    }

    public static Response post(Buyer buyer, Object body) {
        return as(buyer).contentType("application/json")
                .body(body instanceof String text ? text : Json.write(body)).when().post("/api/orders/");
    }

    /** A request with the buyer's key. */
    public static RequestSpecification as(Buyer buyer) {
        return Catalogs.as(buyer.apiKey());
    }

    /** {@code available} of the buyer's balance in {@code currency}. */
    public static String available(Buyer buyer, String currency) {
        return balance(buyer, currency, "available");
    }

    public static String balance(Buyer buyer, String currency, String bucket) {
        JsonNode balances = Json.parse(as(buyer)
                .get("/api/access/me/balances/").then().statusCode(200).extract().asString());
        for (JsonNode balance : balances) {
            if (currency.equals(balance.path("currency").asText())) {
                return balance.path(bucket).asText();
            }
        }
        throw new IllegalStateException("no " + currency + " balance in " + balances);
    }

    /** An HTTP API event (payload 2.0) of {@code POST /api/orders/}, to call the Lambda handler from many threads. */
    public static APIGatewayV2HTTPEvent event(Buyer buyer, Object body) {
        return HttpEvents.api("POST", "/api/orders/", "", buyer.apiKey(), body instanceof String text ? text
                : Json.write(body));
    }
}
