package cc.marix.reseller.lambda;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.metrics.EmfEmitter;
import cc.marix.reseller.metrics.InvocationMetrics;
import cc.marix.reseller.metrics.Metrics;
import cc.marix.reseller.support.LogContext;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Opens every invocation (HTTP or event: each is one request on the Vert.x router) before anything else runs: a clean
 * MDC with the function and the AWS request id, and an empty {@link InvocationMetrics}. Both live in the request's
 * own context, which ends with it. The metrics are printed when the answer's headers are written, so before the
 * Lambda handler hands the answer back (a frozen process prints nothing late), and on failure as much as on success;
 * if the connection ends without an answer, at its end.
 */
@ApplicationScoped
public class InvocationScope {

    /** Before the route guard and every other filter. */
    static final int PRIORITY = 10_000;

    private final AppConfig config;
    private final EmfEmitter emitter;

    public InvocationScope(AppConfig config, EmfEmitter emitter) {
        this.config = config;
        this.emitter = emitter;
    }

    void register(@Observes Filters filters) {
        filters.register(this::open, PRIORITY);
    }

    void open(RoutingContext request) {
        MDC.clear();
        String function = function(request);
        Optional<String> requestId = lambdaContext(request).map(Context::getAwsRequestId);
        MDC.put(LogContext.FUNCTION, function);
        requestId.ifPresent(id -> MDC.put(LogContext.AWS_REQUEST_ID, id));
        InvocationMetrics metrics = new InvocationMetrics(function, requestId.orElse(null));
        Metrics.open(metrics);
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                emitter.emit(metrics);
            }
        };
        request.addHeadersEndHandler(ignored -> end.run());
        request.addEndHandler(ignored -> end.run());
        request.next();
    }

    /**
     * Names the event function an invocation turned out to be for, where one process serves every function (local
     * runs, tests); a deployed function knows its name from the start.
     */
    public static void eventFunction(String name) {
        MDC.put(LogContext.FUNCTION, name);
        Metrics.current().ifPresent(metrics -> metrics.function(name));
    }

    private String function(RoutingContext request) {
        String deployedAs = config.function();
        if (!Functions.ALL.equals(deployedAs)) {
            return deployedAs;
        }
        return Functions.ownerName(request.request().method().name(), request.normalizedPath()).orElse(deployedAs);
    }

    private static Optional<Context> lambdaContext(RoutingContext request) {
        if (request.request().headers() instanceof QuarkusHttpHeaders headers
                && headers.getContextObjects().get(Context.class) instanceof Context context) {
            return Optional.of(context);
        }
        return Optional.empty();
    }
}
