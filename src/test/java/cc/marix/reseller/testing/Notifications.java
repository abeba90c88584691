package cc.marix.reseller.testing;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.signing.PartnerSignature;
import io.restassured.response.Response;

/** Partner notifications as partners send them: the seed's body, signed over its exact bytes. */
public final class Notifications {

    private Notifications() {
    }

    public static ObjectNode orderPaid(String externalOrderId, String productId, int qty) {
        return Json.object()
                .put("event", "order.paid")
                .put("externalOrderId", externalOrderId)
                .put("productId", productId)
                .put("qty", qty)
                .put("amount", 4990)
                .put("currency", "RUB");
    }

    public static byte[] bytes(Object body) {
        return (body instanceof String text ? text : Json.write(body)).getBytes(StandardCharsets.UTF_8);
    }

    public static String path(String partner) {
        return "/api/orders/webhooks/" + partner + "/notification";
    }

    /** Posts the notification through the Function URL front, signed with the partner's secret, as the partner does. */
    public static Response send(Fixtures.TestPartner partner, ObjectNode body, String eventId) {
        byte[] bytes = bytes(body);
        TestStack.useHttpFront();
        return given().contentType("application/json").body(bytes)
                .header("X-Signature", PartnerSignature.sign(partner.secret(), bytes)).header("X-Event-Id", eventId)
                .when().post(path(partner.slug())).andReturn();
    }

    /** A Function URL event (payload 2.0) carrying the notification, for calling the Lambda handler directly. */
    public static APIGatewayV2HTTPEvent event(String partner, byte[] body, String secret, String eventId) {
        return HttpEvents.event("POST", path(partner), "", Map.of("content-type", "application/json",
                "x-signature", PartnerSignature.sign(secret, body), "x-event-id", eventId), body);
    }
}
