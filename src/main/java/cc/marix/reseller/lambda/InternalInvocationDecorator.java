package cc.marix.reseller.lambda;

import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import cc.marix.reseller.support.CrashPoints;

/**
 * Wraps the HTTP handler (quarkus-amazon-lambda-http's, serving through {@link RouterDispatch}) so that non-HTTP
 * events answer like plain functions: the bare JSON body on success, and a failed invocation (which the event source
 * retries) on a server error. A test's crash point ({@link CrashPoints}) fails any invocation, HTTP or not, without
 * an answer, as a process death would.
 */
@Decorator
@Priority(10)
public abstract class InternalInvocationDecorator
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    @Delegate
    @Any
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        APIGatewayV2HTTPResponse response = delegate.handleRequest(event, context);
        crashed(response).ifPresent(point -> {
            throw new CrashPoints.Died(point);
        });
        if (!(event instanceof InternalInvocation)) {
            return response;
        }
        if (response.getStatusCode() >= 500) {
            throw new EventFunctionFailure("event function failed with status " + response.getStatusCode());
        }
        return InternalResult.of(response);
    }

    private static Optional<String> crashed(APIGatewayV2HTTPResponse response) {
        if (response.getHeaders() == null) {
            return Optional.empty();
        }
        return response.getHeaders().entrySet().stream()
                .filter(header -> CrashPoints.HEADER.equalsIgnoreCase(header.getKey()))
                .map(Map.Entry::getValue).findFirst();
    }
}
