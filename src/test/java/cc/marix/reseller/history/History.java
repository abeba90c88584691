package cc.marix.reseller.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * What the clients of one run asked and were answered, Jepsen-style: every request (under its workload's name for
 * the logical operation it belongs to), each attempt's status, and the final answer. The checks read the table and
 * hold it against this.
 */
final class History {

    /** A client's retries of a 503 before it gives up; with DynamoDB's own retries behind each, ample. */
    static final int ATTEMPTS = 30;

    /** One request as a client saw it: every status it got, the last one's body, whether that was a replay. */
    record Call(String operation, String request, List<Integer> statuses, String body, boolean replayed) {

        int status() {
            return statuses.get(statuses.size() - 1);
        }

        int retries() {
            return statuses.size() - 1;
        }
    }

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    /**
     * Sends as a client does: a 503 is sent again (the same event, the same idempotency key) until it gets another
     * answer. The Retry-After second is not waited out: the table, not the wall clock, is under test here.
     */
    Call send(String operation, String request, Supplier<APIGatewayV2HTTPResponse> attempt) {
        List<Integer> statuses = new ArrayList<>();
        APIGatewayV2HTTPResponse response;
        do {
            response = attempt.get();
            statuses.add(response.getStatusCode());
            if (response.getStatusCode() == 503 && header(response, "Retry-After") == null) {
                throw new AssertionError("a 503 without Retry-After for " + operation + " " + request);
            }
        } while (response.getStatusCode() == 503 && statuses.size() < ATTEMPTS);
        Call call = new Call(operation, request, List.copyOf(statuses), text(response),
                "true".equals(header(response, "Idempotent-Replayed")));
        calls.add(call);
        return call;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Requests, attempts (retries included) and how often each status was answered, for the test output. */
    String summary() {
        Map<Integer, Integer> statuses = new TreeMap<>();
        int attempts = 0;
        for (Call call : calls) {
            attempts += call.statuses().size();
            call.statuses().forEach(status -> statuses.merge(status, 1, Integer::sum));
        }
        return calls.size() + " requests, " + attempts + " attempts, statuses " + statuses;
    }

    private static String header(APIGatewayV2HTTPResponse response, String name) {
        if (response.getHeaders() != null) {
            for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
        }
        if (response.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return String.join(",", header.getValue());
                }
            }
        }
        return null;
    }

    private static String text(APIGatewayV2HTTPResponse response) {
        String body = response.getBody() == null ? "" : response.getBody();
        return response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                : body;
    }
}
