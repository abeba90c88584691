package cc.marix.reseller.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalChannel;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.SocketAddress;

/**
 * Serves a Lambda HTTP event on Quarkus' Vert.x router directly: the event becomes an {@link EventRequest} handed to
 * the router, as the HTTP server would hand it, on the calling thread with an event loop's context current
 * ({@link CallerTurns}), and the {@link EventResponse} becomes the answer. So
 * the router's filters ({@link InvocationScope}), RESTEasy Reactive's routing, our exception mappers and the resources
 * run exactly as before, without what quarkus-amazon-lambda-http put around them for each event: a new in-memory
 * Netty channel with its pipeline, a new event-loop context and Vert.x's HTTP/1 connection. The event is read and the
 * answer written as that extension does (its {@code LambdaHttpHandler}, 3.34), so callers see no difference.
 */
@Singleton
public class RouterDispatch {

    private static final Logger LOG = Logger.getLogger(RouterDispatch.class);
    /** Headers whose value is one comma-separated list, passed on whole; any other is split at its commas. */
    private static final Set<String> COMMA_HEADERS = Set.of("access-control-request-headers");
    private static final String CHANNEL_HANDLER = "event";
    private static final int DEFAULT_PORT = 443;

    private final VertxInternal vertx;
    /** One idle channel per event loop, for the requests' connections (see {@link EventConnection}). */
    private final Map<EventLoop, ChannelHandlerContext> channels = new ConcurrentHashMap<>();

    public RouterDispatch(Vertx vertx) {
        this.vertx = (VertxInternal) vertx;
    }

    /** The answer to the event; a 500 if it could not be served at all, as the extension answered then. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context lambda) {
        try {
            return dispatch(event, lambda);
        } catch (Exception e) {
            LOG.error("Request Failure", e);
            APIGatewayV2HTTPResponse failed = new APIGatewayV2HTTPResponse();
            failed.setStatusCode(500);
            failed.setBody("{ \"message\": \"Internal Server Error\" }");
            failed.setMultiValueHeaders(Map.of("Content-Type", List.of("application/json")));
            return failed;
        }
    }

    private APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event, Context lambda) throws Exception {
        APIGatewayV2HTTPEvent.RequestContext.Http http = event.getRequestContext() == null ? null
                : event.getRequestContext().getHttp();
        if (http == null || http.getMethod() == null) {
            throw new IllegalStateException("Missing HTTP method in request event");
        }
        ContextInternal loop = vertx.createEventLoopContext();
        ContextInternal context = loop.duplicate();
        VertxContextSafetyToggle.setContextSafe(context, true);
        EventConnection connection = new EventConnection(context,
                channels.computeIfAbsent(loop.nettyEventLoop(), RouterDispatch::idleChannel), remote(event, http));
        String query = event.getRawQueryString() == null || event.getRawQueryString().isEmpty() ? null
                : event.getRawQueryString();
        CallerTurns turns = new CallerTurns(context);
        Buffer body = body(event);
        QuarkusHttpHeaders headers = headers(event, lambda);
        headers.setContextObject(EventBody.Whole.class, new EventBody.Whole(body));
        EventRequest request = new EventRequest(context, turns, HttpMethod.valueOf(http.getMethod()),
                event.getRawPath(), query, headers, body, connection);
        EventResponse response = (EventResponse) request.response();
        turns.runAll(() -> serve(request, response));
        try {
            return response.answer().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** What Vert.x's HTTP server does with a new request: paused until a reader asks for its body. */
    private static void serve(EventRequest request, EventResponse response) {
        try {
            request.pause();
            Handler<HttpServerRequest> root = VertxHttpRecorder.getRootHandler();
            if (root == null) {
                // the application is stopping
                request.resume();
                response.setStatusCode(503).end();
                return;
            }
            root.handle(request);
        } catch (Throwable t) {
            // an Error too: anything thrown before the router's own catch-all would leave the answer waiting forever
            response.fail(t);
        }
    }

    private static QuarkusHttpHeaders headers(APIGatewayV2HTTPEvent event, Context lambda) {
        QuarkusHttpHeaders headers = new QuarkusHttpHeaders();
        headers.setContextObject(Context.class, lambda);
        headers.setContextObject(APIGatewayV2HTTPEvent.class, event);
        headers.setContextObject(APIGatewayV2HTTPEvent.RequestContext.class, event.getRequestContext());
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                String value = header.getValue();
                if (value == null) {
                    continue;
                }
                if (value.indexOf(',') < 0 || COMMA_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    headers.add(header.getKey(), value);
                } else {
                    for (String part : value.split(",")) {
                        headers.add(header.getKey(), part);
                    }
                }
            }
        }
        if (event.getCookies() != null) {
            headers.add(HttpHeaders.COOKIE.toString(), String.join(";", event.getCookies()));
        }
        if (!headers.contains(HttpHeaders.HOST)) {
            headers.add(HttpHeaders.HOST.toString(), "localhost");
        }
        if (event.getBody() != null) {
            // the extension sent every body chunked: a resource sees the same headers as before
            headers.add(HttpHeaders.TRANSFER_ENCODING.toString(), HttpHeaders.CHUNKED.toString());
        }
        return headers;
    }

    private static Buffer body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return Buffer.buffer();
        }
        return event.getIsBase64Encoded() ? Buffer.buffer(Base64.getDecoder().decode(event.getBody()))
                : Buffer.buffer(event.getBody().getBytes(StandardCharsets.UTF_8));
    }

    private static SocketAddress remote(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPEvent.RequestContext.Http http) {
        String sourceIp = http.getSourceIp();
        if (sourceIp == null || sourceIp.isEmpty()) {
            return null;
        }
        String forwardedPort = event.getHeaders() == null ? null : event.getHeaders().get("X-Forwarded-Port");
        int port = forwardedPort == null ? DEFAULT_PORT : Integer.parseInt(forwardedPort);
        return SocketAddress.inetSocketAddress(port, sourceIp);
    }

    private static ChannelHandlerContext idleChannel(EventLoop loop) {
        LocalChannel channel = new LocalChannel();
        channel.pipeline().addLast(CHANNEL_HANDLER, new ChannelInboundHandlerAdapter());
        loop.register(channel).syncUninterruptibly();
        return channel.pipeline().context(CHANNEL_HANDLER);
    }
}
