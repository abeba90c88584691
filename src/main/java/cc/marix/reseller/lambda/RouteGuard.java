package cc.marix.reseller.lambda;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.ErrorMappers;
import cc.marix.reseller.config.AppConfig;

/**
 * A function answers only its own routes: every deployed function carries the whole artifact, so without this guard
 * the partner webhook's Function URL would also serve, say, the admin or API routes.
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
        return Optional.of(errors.api(ApiException.notFound("not_found", "no such route")));
    }
}
