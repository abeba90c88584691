package cc.marix.reseller.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** The routes of the Lambda Runtime API 2018-06-01 that a function process calls, for a {@link LocalLambdaRuntime}. */
final class RuntimeApiHandler implements HttpHandler {

    static final String BASE_PATH = "/2018-06-01/runtime/";

    // Lambda takes up to 6 MB of response; error documents are capped lower, like the runtime clients' own limit.
    private static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";
    private static final String ACCEPTED = "{\"status\":\"OK\"}";

    private final LocalLambdaRuntime runtime;
    private final ObjectMapper mapper = new ObjectMapper();

    RuntimeApiHandler(LocalLambdaRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String route = exchange.getRequestURI().getPath().substring(BASE_PATH.length());
            String method = exchange.getRequestMethod();
            String[] parts = route.split("/");
            if ("GET".equals(method) && route.equals("invocation/next")) {
                next(exchange);
            } else if ("POST".equals(method) && route.equals("init/error")) {
                runtime.initFailed(error(exchange));
                Exchanges.sendJson(exchange, 202, ACCEPTED);
            } else if ("POST".equals(method) && parts.length == 3 && parts[0].equals("invocation")
                    && parts[2].equals("response")) {
                byte[] body = Exchanges.readBody(exchange, MAX_RESPONSE_BYTES);
                if (body == null) {
                    invalid(exchange, 413, "RequestEntityTooLarge", "the response is larger than 6 MB");
                    runtime.fail(parts[1], LambdaInvocationException.raised("Function.ResponseSizeTooLarge",
                            "the response is larger than 6 MB"));
                } else {
                    answer(exchange, runtime.respond(parts[1], new String(body, StandardCharsets.UTF_8)));
                }
            } else if ("POST".equals(method) && parts.length == 3 && parts[0].equals("invocation")
                    && parts[2].equals("error")) {
                answer(exchange, runtime.fail(parts[1], error(exchange)));
            } else {
                invalid(exchange, 404, "InvalidRoute", "no such runtime API route: " + method + " " + route);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private void next(HttpExchange exchange) throws IOException, InterruptedException {
        Invocation invocation = runtime.next();
        if (invocation == null) {
            invalid(exchange, 503, "Runtime.Shutdown", "the local Lambda runtime is stopping");
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", runtime.functionArn());
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        byte[] event = invocation.event();
        try {
            exchange.sendResponseHeaders(200, event.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(event);
            }
        } catch (IOException brokenPoller) {
            runtime.requeue(invocation);
            throw brokenPoller;
        }
    }

    private LambdaInvocationException error(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange, MAX_RESPONSE_BYTES);
        String json = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String headerType = exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER);
        JsonNode document = parse(json);
        String type = document.path("errorType").asText(headerType == null ? "Runtime.Unknown" : headerType);
        String message = document.path("errorMessage").asText(json);
        return new LambdaInvocationException(type, message, document.isObject() ? json
                : LambdaInvocationException.raised(type, message).errorJson());
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException notJson) {
            return mapper.missingNode();
        }
    }

    private static void answer(HttpExchange exchange, boolean known) throws IOException {
        if (known) {
            Exchanges.sendJson(exchange, 202, ACCEPTED);
        } else {
            invalid(exchange, 400, "InvalidRequestID", "no running invocation has this request id");
        }
    }

    private static void invalid(HttpExchange exchange, int status, String type, String message) throws IOException {
        Exchanges.sendJson(exchange, status, LambdaInvocationException.raised(type, message).errorJson());
    }
}
