package cc.marix.reseller.lambda;

/**
 * Thrown out of the handler when an event function fails with a server error, so that Lambda reports the
 * invocation as failed and its event source (a stream, a schedule) retries it, instead of seeing a normal answer.
 */
public class EventFunctionFailure extends RuntimeException {

    public EventFunctionFailure(String message) {
        super(message);
    }
}
