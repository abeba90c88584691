package cc.marix.reseller.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one invocation counted, until it ends and {@link EmfEmitter} prints it. An invocation runs on one request
 * context, but its end (the answer's headers) may be written from another thread, so access is synchronized.
 */
public final class InvocationMetrics {

    /** One metric for one value of its dimension (null when it has none). */
    public record Key(Metric metric, String dimensionValue) {
    }

    private final Map<Key, Long> values = new LinkedHashMap<>();
    private String function;
    private final String requestId;

    public InvocationMetrics(String function, String requestId) {
        this.function = function;
        this.requestId = requestId;
    }

    synchronized void add(Metric metric, String dimensionValue, long value) {
        Key key = new Key(metric, dimensionValue);
        if (metric.kind() == Metric.Kind.LEVEL) {
            values.put(key, value);
        } else {
            values.merge(key, value, Long::sum);
        }
    }

    /** Where one process serves every function, the event function's name is known only once it is chosen. */
    public synchronized void function(String name) {
        this.function = name;
    }

    public synchronized String function() {
        return function;
    }

    public String requestId() {
        return requestId;
    }

    /** What was counted so far, and nothing from now on: a second end of the same invocation prints nothing again. */
    synchronized Map<Key, Long> drain() {
        Map<Key, Long> drained = new LinkedHashMap<>(values);
        values.clear();
        return drained;
    }
}
