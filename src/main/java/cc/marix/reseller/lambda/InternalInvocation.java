package cc.marix.reseller.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * A non-HTTP Lambda event (an admin action, a stream batch, a schedule) carried through the HTTP stack as
 * {@code POST /_events}. Only {@link LambdaEventCodec} creates it, from the raw invocation payload, so no HTTP caller
 * can produce one: {@link EventResource} answers nothing else.
 */
public final class InternalInvocation extends APIGatewayV2HTTPEvent {

    public static final String PATH = "/_events";
    /** The body of an invocation whose payload could not be read as JSON. */
    static final String UNREADABLE = "";

    /**
     * Whether the request being served came from an {@link InternalInvocation}. Read from the raw context object the
     * HTTP dispatch attaches ({@link RouterDispatch}), not from the injectable event, a request-scoped proxy.
     */
    public static boolean isCurrent(RoutingContext request) {
        MultiMap headers = request.request().headers();
        return headers instanceof QuarkusHttpHeaders quarkus
                && quarkus.getContextObjects().get(APIGatewayV2HTTPEvent.class) instanceof InternalInvocation;
    }

    /** How long the invocation being served may still run, from the Lambda context {@link RouterDispatch} attaches. */
    static Optional<Duration> remaining(RoutingContext request) {
        MultiMap headers = request.request().headers();
        if (headers instanceof QuarkusHttpHeaders quarkus
                && quarkus.getContextObjects().get(Context.class) instanceof Context lambda) {
            return Optional.of(Duration.ofMillis(lambda.getRemainingTimeInMillis()));
        }
        return Optional.empty();
    }

    public static InternalInvocation of(String rawEventJson) {
        InternalInvocation invocation = new InternalInvocation();
        RequestContext.Http http = new RequestContext.Http();
        http.setMethod("POST");
        http.setPath(PATH);
        http.setProtocol("HTTP/1.1");
        RequestContext context = new RequestContext();
        context.setHttp(http);
        context.setRouteKey("$internal");
        invocation.setVersion("2.0");
        invocation.setRouteKey("$internal");
        invocation.setRawPath(PATH);
        invocation.setRawQueryString("");
        invocation.setRequestContext(context);
        invocation.setHeaders(Map.of("content-type", "application/json", "accept", "application/json"));
        invocation.setBody(rawEventJson);
        invocation.setIsBase64Encoded(false);
        return invocation;
    }
}
