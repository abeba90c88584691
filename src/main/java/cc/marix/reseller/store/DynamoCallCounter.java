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
        counter(CALLS, attributes).increment();
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            counter(NANOS, attributes).add(System.nanoTime() - started);
        }
    }

    /** Calls per operation since start, sorted by name. */
    public static Map<String, Long> snapshot() {
        return sums(CALLS);
    }

    /** Time spent in calls per operation since start (request to response, retries included), in nanoseconds. */
    public static Map<String, Long> nanos() {
        return sums(NANOS);
    }

    public static long total() {
        return CALLS.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static LongAdder counter(Map<String, LongAdder> counters, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return counters.computeIfAbsent(operation == null ? "unknown" : operation, name -> new LongAdder());
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new TreeMap<>();
        counters.forEach((operation, sum) -> sums.put(operation, sum.sum()));
        return sums;
    }
}
