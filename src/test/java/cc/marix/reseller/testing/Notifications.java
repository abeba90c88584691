package cc.marix.reseller.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.signing.PartnerSignature;

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

    /** A Function URL event (payload 2.0) carrying the notification, for calling the Lambda handler directly. */
    public static APIGatewayV2HTTPEvent event(String partner, byte[] body, String secret, String eventId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-signature", PartnerSignature.sign(secret, body));
        headers.put("x-event-id", eventId);
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath(path(partner));
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("203.0.113.10");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRouteKey("$default");
        context.setStage("$default");
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("$default");
        event.setRawPath(path(partner));
        event.setRawQueryString("");
        event.setHeaders(headers);
        event.setRequestContext(context);
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        return event;
    }
}
