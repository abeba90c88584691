package cc.marix.reseller.lambda;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** A function triggered by a non-HTTP event: the admin console, a stream, a schedule. */
public interface EventFunction {

    /** The function's name, as in {@link Functions}. */
    String name();

    /** Whether this event is meant for this function; used only where one process serves every function. */
    boolean accepts(JsonNode event);

    /** Handles the event; the result is serialized as the invocation's JSON answer. */
    Object handle(JsonNode event);

    /**
     * Handles the event knowing how long the invocation may still run ({@code remaining}: empty when no Lambda
     * context tells it), for a function whose work can be cut short and left for a later run.
     */
    default Object handle(JsonNode event, Optional<Duration> remaining) {
        return handle(event);
    }
}
