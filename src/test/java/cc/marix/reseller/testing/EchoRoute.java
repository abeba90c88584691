package cc.marix.reseller.testing;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Test-only: a router filter that answers a request carrying {@value #HEADER} with what the router saw of it (method,
 * raw path and query, every header value, cookies, body, caller's address, the Lambda request id), so a test can
 * check how an event becomes a request and an answer becomes a Lambda response, whatever the routes. It answers
 * with a repeated header and two cookies, and with the body the router holds ({@code routedBody}, read from no
 * stream); {@code binary} as the header's value answers the body back as application/octet-stream, {@code close}
 * gives up on the connection without an answer, {@code end-handler-throws} answers as {@code json} with a response
 * end handler that throws. Left out of the bench's app ({@link DeployedPath}).
 */
@ApplicationScoped
@UnlessBuildProperty(name = DeployedPath.PROPERTY, stringValue = "true", enableIfMissing = true)
public class EchoRoute {

    public static final String HEADER = "x-test-echo";

    void register(@Observes Filters filters) {
        // after InvocationScope (10,000), before the route guard and everything else
        filters.register(this::echo, 9_000);
    }

    private void echo(RoutingContext routing) {
        String mode = routing.request().getHeader(HEADER);
        if (mode == null) {
            routing.next();
            return;
        }
        HttpServerRequest request = routing.request();
        if (mode.equals("close")) {
            request.connection().close();
            return;
        }
        if (mode.equals("end-handler-throws")) {
            routing.response().endHandler(ended -> {
                throw new IllegalStateException("end handler fails");
            });
        }
        request.body().onSuccess(body -> {
            if (mode.equals("binary")) {
                routing.response().putHeader("Content-Type", "application/octet-stream").end(body);
                return;
            }
            ObjectNode seen = Json.object().put("method", request.method().name()).put("uri", request.uri())
                    .put("path", request.path()).put("query", request.query())
                    .put("body", Base64.getEncoder().encodeToString(body.getBytes()))
                    .put("remote", String.valueOf(request.remoteAddress()));
            // what a reader that takes the router's body (RESTEasy Reactive) gets without reading the stream
            Buffer routed = routing.body().buffer();
            seen.put("routedBody", routed == null ? null : Base64.getEncoder().encodeToString(routed.getBytes()));
            ObjectNode headers = seen.putObject("headers");
            for (String name : request.headers().names()) {
                request.headers().getAll(name).forEach(headers.withArray(name.toLowerCase())::add);
            }
            ObjectNode cookies = seen.putObject("cookies");
            for (Cookie cookie : request.cookies()) {
                cookies.put(cookie.getName(), cookie.getValue());
            }
            ObjectNode params = seen.putObject("params");
            for (String name : request.params().names()) {
                request.params().getAll(name).forEach(params.withArray(name)::add);
            }
            if (request.headers() instanceof QuarkusHttpHeaders quarkus
                    && quarkus.getContextObjects().get(Context.class) instanceof Context lambda) {
                seen.put("awsRequestId", lambda.getAwsRequestId());
            }
            routing.response().addCookie(Cookie.cookie("first", "1"))
                    .addCookie(Cookie.cookie("second", "2").setHttpOnly(true));
            routing.response().headers().add("X-Multi", "one").add("X-Multi", "two");
            routing.response().putHeader("Content-Type", "application/json").end(seen.toString());
        });
    }
}
