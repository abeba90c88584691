package cc.marix.reseller.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import cc.marix.reseller.testing.Json;

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
    /** The 503s' error codes ({@code throttled}, {@code store_unavailable}, {@code contention}, ...), counted. */
    private final Map<String, LongAdder> unavailableBy = new ConcurrentHashMap<>();

    /**
     * Sends as a client does: a 503 is sent again (the same event, the same idempotency key) until it gets another
     * answer, after a pause that doubles from 50 ms up to the Retry-After second: not the whole second each time
     * (the table, not the wall clock, is under test here), but never at once, or a client would spend all its
     * retries inside the burst of faults that made the first one fail.
     */
    Call send(String operation, String request, Supplier<APIGatewayV2HTTPResponse> attempt) {
        List<Integer> statuses = new ArrayList<>();
        APIGatewayV2HTTPResponse response;
        while (true) {
            response = attempt.get();
            statuses.add(response.getStatusCode());
            if (response.getStatusCode() != 503 || statuses.size() == ATTEMPTS) {
                break;
            }
            String retryAfter = unavailable(operation, request, response);
            pause(Math.min(Long.parseLong(retryAfter) * 1000, 50L << Math.min(statuses.size() - 1, 10)));
        }
        return record(operation, request, statuses, response);
    }

    /**
     * Sends once, whatever the answer, as a sender that never retries does (the exchanger's IPN): a 503 stays the
     * final answer and the work is left to whoever finishes it (payment-reconcile).
     */
    Call sendOnce(String operation, String request, Supplier<APIGatewayV2HTTPResponse> attempt) {
        APIGatewayV2HTTPResponse response = attempt.get();
        if (response.getStatusCode() == 503) {
            unavailable(operation, request, response);
        }
        return record(operation, request, List.of(response.getStatusCode()), response);
    }

    /** Counts a 503 by its error code; its Retry-After, which every 503 must carry. */
    private String unavailable(String operation, String request, APIGatewayV2HTTPResponse response) {
        String retryAfter = header(response, "Retry-After");
        if (retryAfter == null) {
            throw new AssertionError("a 503 without Retry-After for " + operation + " " + request);
        }
        String error = Json.parse(text(response)).path("error").asText("?");
        unavailableBy.computeIfAbsent(error, key -> new LongAdder()).increment();
        return retryAfter;
    }

    private Call record(String operation, String request, List<Integer> statuses, APIGatewayV2HTTPResponse response) {
        Call call = new Call(operation, request, List.copyOf(statuses), text(response),
                "true".equals(header(response, "Idempotent-Replayed")));
        calls.add(call);
        return call;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls of each logical operation, by its name. */
    Map<String, List<Call>> byOperation() {
        Map<String, List<Call>> byOperation = new TreeMap<>();
        calls.forEach(call -> byOperation.computeIfAbsent(call.operation(), key -> new ArrayList<>()).add(call));
        return byOperation;
    }

    /** Every attempt sent, a client's retries included. */
    long attempts() {
        return calls.stream().mapToLong(call -> call.statuses().size()).sum();
    }

    /** The 503s clients were answered: each one a fault (or contention) that every retry behind it could not absorb. */
    long unavailable() {
        return calls.stream().flatMap(call -> call.statuses().stream()).filter(status -> status == 503).count();
    }

    /** Requests, attempts (retries included), 503s and how often each status was answered, for the test output. */
    String summary() {
        Map<Integer, Integer> statuses = new TreeMap<>();
        calls.forEach(call -> call.statuses().forEach(status -> statuses.merge(status, 1, Integer::sum)));
        Map<String, Long> why = new TreeMap<>();
        unavailableBy.forEach((error, count) -> why.put(error, count.sum()));
        return calls.size() + " requests, " + attempts() + " attempts, " + unavailable() + " 503s " + why
                + ", statuses " + statuses;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send again", e);
        }
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
