package cc.marix.reseller.lambda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * An event's body, whole from the start, set as the routing context's body: RESTEasy Reactive then gives a resource
 * the bytes at once (its request context reads a routing context's body before the request's stream), instead of
 * pulling them through its blocking input stream, pooled buffers and the request's data handler as it must for a
 * body still arriving (issue 14: about a twentieth of the function's own CPU on a webhook). Unlike a body handler it
 * leaves the request open, and the request's stream still delivers the same bytes to whoever reads it. A resource
 * that reads its body without blocking takes it in one piece only up to {@code quarkus.rest.input-buffer-size}, so
 * that is set to the largest body accepted (application.properties). {@link RouterDispatch} puts it among the
 * request's context objects, where the Lambda context travels too.
 */
@ApplicationScoped
public class EventBody {

    /** The second filter, right after {@link InvocationScope}, before the route guard and anything that reads a body. */
    static final int PRIORITY = InvocationScope.PRIORITY - 1;

    /** The context object's type. */
    record Whole(Buffer bytes) {
    }

    void register(@Observes Filters filters) {
        filters.register(EventBody::handOver, PRIORITY);
    }

    static void handOver(RoutingContext routing) {
        if (routing.request().headers() instanceof QuarkusHttpHeaders headers) {
            Whole whole = headers.getContextObject(Whole.class);
            if (whole != null && whole.bytes().length() > 0) {
                routing.setBody(whole.bytes());
            }
        }
        routing.next();
    }
}
