package cc.marix.reseller.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A failed invocation, as the Lambda Invoke API reports it: the function's own error (it posted to
 * {@code /invocation/{id}/error}, or to {@code /init/error} while starting), or the local runtime giving up on it
 * ({@link #TIMEOUT}). {@link #errorJson()} is the error document exactly as the function posted it.
 */
public class LambdaInvocationException extends RuntimeException {

    /** The error type AWS reports for an invocation that outlived its timeout. */
    public static final String TIMEOUT = "Sandbox.Timedout";

    private final String errorType;
    private final String errorMessage;
    private final String errorJson;

    public LambdaInvocationException(String errorType, String errorMessage, String errorJson) {
        super(errorType + ": " + errorMessage);
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.errorJson = errorJson;
    }

    /** An error the local runtime raises itself, with the same JSON document a function error has. */
    static LambdaInvocationException raised(String errorType, String errorMessage) {
        ObjectNode json = new ObjectMapper().createObjectNode().put("errorType", errorType)
                .put("errorMessage", errorMessage);
        return new LambdaInvocationException(errorType, errorMessage, json.toString());
    }

    /** The same error with the stack of the thread that waited for it, not of the thread that received it. */
    LambdaInvocationException rethrownHere() {
        return new LambdaInvocationException(errorType, errorMessage, errorJson);
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return errorMessage;
    }

    /** {@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...]}}, as posted by the function. */
    public String errorJson() {
        return errorJson;
    }

    public boolean isTimeout() {
        return TIMEOUT.equals(errorType);
    }
}
