package cc.marix.reseller.store;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.quarkus.runtime.annotations.RegisterForReflection;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts DynamoDB calls per operation, and the time they take, because round trips are our cost: tests pin them
 * and the benchmark reports them. The SDK instantiates it by name (quarkus.dynamodb.interceptors), hence static counters.
 */
@RegisterForReflection
public class DynamoCallCounter implements ExecutionInterceptor {

    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("callStartedNanos");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CALLS.computeIfAbsent(operation == null ? "unknown" : operation, name -> new LongAdder()).increment();
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (started != null) {
            NANOS.computeIfAbsent(operation == null ? "unknown" : operation, name -> new LongAdder())
                    .add(System.nanoTime() - started);
        }
    }

    /** Time spent in calls per operation since start (request to response, retries included), in nanoseconds. */
    public static Map<String, Long> nanos() {
        Map<String, Long> nanos = new TreeMap<>();
        NANOS.forEach((operation, sum) -> nanos.put(operation, sum.sum()));
        return nanos;
    }

    /** Calls per operation since start, sorted by name. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        CALLS.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    public static long total() {
        return CALLS.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
