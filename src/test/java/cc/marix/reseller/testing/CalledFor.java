package cc.marix.reseller.testing;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import cc.marix.reseller.lambda.Functions;
import io.quarkus.arc.properties.UnlessBuildProperty;

/**
 * Which deployed function the current thread is working for, so {@link DynamoAccessRecorder} can tell whose DynamoDB
 * call it sees while one test process serves every function. HTTP requests are attributed by route here (a
 * post-matching filter runs on the resource's thread, the thread that makes the calls: the caller's own since the
 * dispatch runs there, so the attribution ends with the request, or the test's later set-up would be counted as the
 * function's); event functions by {@link EventFunctionAttribution}. Left out of the bench's app ({@link DeployedPath}):
 * a provider class, since RESTEasy Reactive drops a provider under a build-time condition but keeps the filters of
 * an annotated method's class (with nothing behind them) in every route's chain.
 */
@Provider
@UnlessBuildProperty(name = DeployedPath.PROPERTY, stringValue = "true", enableIfMissing = true)
public class CalledFor implements ContainerRequestFilter, ContainerResponseFilter {

    private static final ThreadLocal<String> FUNCTION = new ThreadLocal<>();

    /** The function, or null on threads that serve none (the tests' own set-up calls). */
    public static String current() {
        return FUNCTION.get();
    }

    static void set(String function) {
        FUNCTION.set(function);
    }

    static void clear() {
        FUNCTION.remove();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // a worker thread is reused: never leave the previous request's function on it (events set their own)
        FUNCTION.set(Functions.ownerName(request.getMethod(), request.getUriInfo().getPath()).orElse(null));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        FUNCTION.remove();
    }
}
