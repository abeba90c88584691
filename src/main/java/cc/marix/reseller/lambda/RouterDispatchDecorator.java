package cc.marix.reseller.lambda;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Serves every event through {@link RouterDispatch} instead of quarkus-amazon-lambda-http's own handler, whose
 * in-memory HTTP connection per event cost more CPU than the function's own work (BENCHMARKS.md, "CPU per
 * request"). The extension stays: it makes its handler the function's entry point, starts the router and the Lambda
 * runtime, and reads and writes the events; a second handler class beside it would fail the build. Innermost of the
 * decorators, so {@link RawRequestDecorator} and {@link InternalInvocationDecorator} still wrap what it answers.
 */
@Decorator
@Priority(20)
public abstract class RouterDispatchDecorator
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    @Delegate
    @Any
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate;

    @Inject
    RouterDispatch dispatch;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatch.handle(event, context);
    }
}
