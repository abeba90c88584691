package cc.marix.reseller.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Keeps the DynamoDB requests the application sends while {@link #record} runs, so the compute bench can issue the
 * same calls bare (its floor), and counts each thread's calls ({@link #callsOnThisThread}). Registered by name in the
 * test profile (quarkus.dynamodb.interceptors); a volatile read and a thread's count per call when nothing records.
 */
@RegisterForReflection
public class RequestTap implements ExecutionInterceptor {

    private static volatile List<SdkRequest> recording;
    private static final ThreadLocal<long[]> CALLS = ThreadLocal.withInitial(() -> new long[1]);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CALLS.get()[0]++;
        List<SdkRequest> requests = recording;
        if (requests != null) {
            requests.add(context.request());
        }
    }

    /**
     * DynamoDB calls made on this thread so far: where a request's work all runs (lambda.CallerTurns), unlike
     * {@code DynamoCallCounter}'s totals, which count the background's calls too.
     */
    static long callsOnThisThread() {
        return CALLS.get()[0];
    }

    /** The requests {@code operation} made, in order; one recording at a time (tests read requests' flags too). */
    public static synchronized List<SdkRequest> record(Runnable operation) {
        List<SdkRequest> requests = Collections.synchronizedList(new ArrayList<>());
        recording = requests;
        try {
            operation.run();
        } finally {
            recording = null;
        }
        return List.copyOf(requests);
    }
}
