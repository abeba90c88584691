package cc.marix.reseller.local;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One queued or running invocation: its event, its deadline and, once the function answers, its outcome. */
final class Invocation {

    private final String requestId;
    private final byte[] event;
    private final long deadlineEpochMillis;
    private final String traceId;
    private final CompletableFuture<String> outcome = new CompletableFuture<>();

    Invocation(String requestId, byte[] event, long deadlineEpochMillis, String traceId) {
        this.requestId = requestId;
        this.event = event;
        this.deadlineEpochMillis = deadlineEpochMillis;
        this.traceId = traceId;
    }

    String requestId() {
        return requestId;
    }

    byte[] event() {
        return event;
    }

    long deadlineEpochMillis() {
        return deadlineEpochMillis;
    }

    String traceId() {
        return traceId;
    }

    void succeed(String responseJson) {
        outcome.complete(responseJson);
    }

    void fail(LambdaInvocationException error) {
        outcome.completeExceptionally(error);
    }

    /** The function's answer; throws its error, or a timeout once the deadline has passed. */
    String await() throws InterruptedException {
        long remaining = deadlineEpochMillis - System.currentTimeMillis();
        try {
            return outcome.get(Math.max(remaining, 0), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw ((LambdaInvocationException) e.getCause()).rethrownHere();
        } catch (TimeoutException e) {
            throw LambdaInvocationException.raised(LambdaInvocationException.TIMEOUT,
                    "RequestId: " + requestId + " Error: Task timed out");
        }
    }
}
