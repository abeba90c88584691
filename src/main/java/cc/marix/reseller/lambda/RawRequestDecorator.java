package cc.marix.reseller.lambda;

import java.util.HashMap;
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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.api.ApiException;

/**
 * Answers an HTTP event that {@link RawRequestCheck} refuses in the API's error shape, before the Lambda HTTP adapter
 * sees it (it would answer a 500 or an empty body). Runs outside {@link InternalInvocationDecorator}; of an event
 * function's event only the size is checked (the HTTP layer's limit applies to it too).
 */
@Decorator
@Priority(5)
public abstract class RawRequestDecorator implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    @Delegate
    @Any
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate;

    @Inject
    ObjectMapper json;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (event instanceof InternalInvocation) {
            // an event function's answer is its bare JSON: the refusal too, never an empty 413 from the HTTP layer
            return RawRequestCheck.oversized(event).map(refused -> (APIGatewayV2HTTPResponse) InternalResult.of(
                    answer(refused))).orElseGet(() -> delegate.handleRequest(event, context));
        }
        Optional<ApiException> refused = RawRequestCheck.refusal(event);
        return refused.isPresent() ? answer(refused.get()) : delegate.handleRequest(event, context);
    }

    private APIGatewayV2HTTPResponse answer(ApiException refused) {
        Map<String, String> headers = new HashMap<>(refused.headers());
        headers.put("Content-Type", "application/json");
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(refused.status()).withHeaders(headers)
                    .withBody(json.writeValueAsString(refused.body())).withIsBase64Encoded(false).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the error shape did not serialize", e);
        }
    }
}
