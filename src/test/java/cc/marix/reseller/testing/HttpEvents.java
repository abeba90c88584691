package cc.marix.reseller.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/** HTTP events (payload 2.0) as a Function URL or the HTTP API sends them, for calling the Lambda handler directly. */
public final class HttpEvents {

    private HttpEvents() {
    }

    /** {@code query} without the '?', or empty; {@code body} may be null; header names in lower case. */
    public static APIGatewayV2HTTPEvent event(String method, String path, String query, Map<String, String> headers,
            byte[] body) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("203.0.113.10");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRouteKey("$default");
        context.setStage("$default");
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("$default");
        event.setRawPath(path);
        event.setRawQueryString(query);
        event.setHeaders(new HashMap<>(headers));
        event.setRequestContext(context);
        if (body != null) {
            event.setBody(Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(true);
        }
        return event;
    }

    /** An API request with the key, and a JSON body when given. */
    public static APIGatewayV2HTTPEvent api(String method, String path, String query, String apiKey, String json) {
        Map<String, String> headers = new HashMap<>(Map.of("authorization", "Bearer " + apiKey));
        if (json != null) {
            headers.put("content-type", "application/json");
        }
        return event(method, path, query, headers, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }
}
