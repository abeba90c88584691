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
 * same calls bare (its floor). Registered by name in the test profile (quarkus.dynamodb.interceptors); inert, one
 * volatile read per call, when nothing records.
 */
@RegisterForReflection
public class RequestTap implements ExecutionInterceptor {

    private static volatile List<SdkRequest> recording;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<SdkRequest> requests = recording;
        if (requests != null) {
            requests.add(context.request());
        }
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
