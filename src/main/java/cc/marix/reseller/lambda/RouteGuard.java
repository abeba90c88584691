package cc.marix.reseller.lambda;

import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.ErrorMappers;
import cc.marix.reseller.config.AppConfig;

/**
 * A function answers only its own routes: every deployed function carries the whole artifact, so without this guard
 * the partner webhook's Function URL would also serve, say, the admin or API routes. A path of the function's with
 * another method is 405 with {@code Allow}; any other path 404.
 */
public class RouteGuard {

    private final AppConfig config;
    private final ErrorMappers errors = new ErrorMappers();

    public RouteGuard(AppConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals(InternalInvocation.PATH)) {
            return Optional.empty();
        }
        if (Functions.serves(config.function(), request.getMethod(), path)) {
            return Optional.empty();
        }
        // HEAD and OPTIONS too: no route answers them (functions.md, "Methods and paths")
        Set<String> allowed = Functions.allowedMethods(config.function(), path);
        if (!allowed.isEmpty()) {
            return Optional.of(errors.api(ApiException.methodNotAllowed(allowed)));
        }
        return Optional.of(errors.api(ApiException.notFound("not_found", "no such route")));
    }
}
