package cc.marix.reseller.store;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Injects DynamoDB's real-world failures into our own calls, off unless {@code FAULTS} asks for them
 * ({@link FaultSpec}) or a test scripts them ({@link #script}). It acts per attempt, inside the SDK's retry loop,
 * as DynamoDB's own failures do: throttling and 500s are thrown before the request is sent and the SDK's retry
 * strategy retries them (DynamoDB's: up to 9 attempts, jittered backoff), so a caller sees one only when every
 * attempt failed; a transaction conflict is thrown before sending too, and the SDK does not retry it, so the caller
 * sees it as DynamoDB would send it; after-commit lets the request commit and then fails the attempt with a 500 or
 * a read timeout, which the SDK retries: the retry is the ambiguous second write our tokens and conditions must
 * turn into the first one's answer. Every injected fault is logged ({@code fault injected: <kind> <operation>})
 * and counted. The SDK instantiates it by name (quarkus.dynamodb.interceptors), hence static state.
 */
@RegisterForReflection
public class FaultInjector implements ExecutionInterceptor {

    private static final Logger LOG = Logger.getLogger(FaultInjector.class);
    private static final ExecutionAttribute<FaultKind> PENDING = new ExecutionAttribute<>("pendingFault");
    private static final Set<String> TRANSACTIONS = Set.of("TransactWriteItems", "TransactGetItems");
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final ConcurrentLinkedQueue<Scripted> SCRIPT = new ConcurrentLinkedQueue<>();

    private static volatile FaultSpec spec;
    private static volatile Random random;

    /** Injects at the rates of {@code faults} from now on, drawing from its seed; null turns the rates off. */
    public static synchronized void install(FaultSpec faults) {
        random = faults == null ? null : new Random(faults.seed());
        spec = faults;
    }

    /** The next {@code times} attempts of {@code operation} (e.g. "TransactWriteItems") fail with {@code kind}. */
    public static void script(FaultKind kind, String operation, int times) {
        scriptAfter(0, kind, operation, times);
    }

    /**
     * The next {@code passing} attempts of {@code operation} go through, then {@code times} fail with {@code kind}:
     * a failure part way through an operation that makes the same call more than once.
     */
    public static void scriptAfter(int passing, FaultKind kind, String operation, int times) {
        SCRIPT.add(new Scripted(kind, operation, new AtomicInteger(passing), new AtomicInteger(times)));
    }

    /** Forgets scripted faults not yet injected; counts stay. */
    public static void clearScript() {
        SCRIPT.clear();
    }

    /** Faults injected since start, by {@code "<kind> <operation>"}, sorted. */
    public static Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        COUNTS.forEach((key, sum) -> counts.put(key, sum.sum()));
        return counts;
    }

    /** Faults of {@code kind} injected since start, over every operation. */
    public static long count(FaultKind kind) {
        String prefix = kind.wire() + " ";
        return COUNTS.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
                .mapToLong(entry -> entry.getValue().sum()).sum();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(PENDING, null);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation == null) {
            return;
        }
        List<FaultKind> faults = chosen(operation);
        if (faults.contains(FaultKind.LATENCY)) {
            injected(FaultKind.LATENCY, operation);
            pause(spec == null ? Duration.ofMillis(200) : spec.latency());
        }
        if (faults.contains(FaultKind.THROTTLE)) {
            injected(FaultKind.THROTTLE, operation);
            throw throttled(operation);
        }
        if (faults.contains(FaultKind.ERROR)) {
            injected(FaultKind.ERROR, operation);
            throw internalError(operation);
        }
        if (faults.contains(FaultKind.CONFLICT) && TRANSACTIONS.contains(operation)) {
            injected(FaultKind.CONFLICT, operation);
            throw conflict(operation, context.request());
        }
        if (faults.contains(FaultKind.AFTER_COMMIT)) {
            attributes.putAttribute(PENDING, FaultKind.AFTER_COMMIT);
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(PENDING) != FaultKind.AFTER_COMMIT || !context.httpResponse().isSuccessful()) {
            // only a write DynamoDB accepted is ambiguous; a refusal reaches the caller as it is
            return;
        }
        attributes.putAttribute(PENDING, null);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        injected(FaultKind.AFTER_COMMIT, operation);
        if (draw(0.5)) {
            throw SdkClientException.builder()
                    .message("fault injected: after-commit " + operation + " (read timed out)")
                    .cause(new SocketTimeoutException("Read timed out")).build();
        }
        throw internalError(operation);
    }

    /** The kinds this attempt gets: a scripted one first, else each kind drawn at its rate, in a fixed order. */
    private static List<FaultKind> chosen(String operation) {
        List<FaultKind> faults = new ArrayList<>();
        for (Iterator<Scripted> it = SCRIPT.iterator(); it.hasNext();) {
            Scripted scripted = it.next();
            if (scripted.operation().equals(operation) && scripted.passing().getAndUpdate(Scripted::less) > 0) {
                return faults;
            }
            if (scripted.operation().equals(operation) && scripted.remaining().getAndDecrement() > 0) {
                faults.add(scripted.kind());
                return faults;
            }
            if (scripted.remaining().get() <= 0) {
                it.remove();
            }
        }
        FaultSpec faultSpec = spec;
        if (faultSpec == null) {
            return faults;
        }
        for (FaultKind kind : FaultKind.values()) {
            // every kind is drawn on every attempt, so one seed gives one sequence whatever the rates
            if (draw(faultSpec.rate(kind))) {
                faults.add(kind);
            }
        }
        return faults;
    }

    private static boolean draw(double rate) {
        Random source = random;
        if (source == null) {
            return rate >= 1 || (rate > 0 && Math.random() < rate);
        }
        synchronized (source) {
            return source.nextDouble() < rate;
        }
    }

    private static void injected(FaultKind kind, String operation) {
        COUNTS.computeIfAbsent(kind.wire() + " " + operation, key -> new LongAdder()).increment();
        LOG.infof("fault injected: %s %s", kind.wire(), operation);
    }

    private static void pause(Duration latency) {
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AwsServiceException throttled(String operation) {
        if (draw(0.5)) {
            return ProvisionedThroughputExceededException.builder().statusCode(400)
                    .message(message("throttle", operation))
                    .awsErrorDetails(details("ProvisionedThroughputExceededException", operation)).build();
        }
        return ThrottlingException.builder().statusCode(400).message(message("throttle", operation))
                .awsErrorDetails(details("ThrottlingException", operation)).build();
    }

    private static AwsServiceException internalError(String operation) {
        return DynamoDbException.builder().statusCode(500).message(message("error", operation))
                .awsErrorDetails(details("InternalServerError", operation)).build();
    }

    private static AwsServiceException conflict(String operation, SdkRequest request) {
        int writes = 1;
        if (request instanceof TransactWriteItemsRequest write) {
            writes = write.transactItems().size();
        } else if (request instanceof TransactGetItemsRequest get) {
            writes = get.transactItems().size();
        }
        List<CancellationReason> reasons = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            reasons.add(CancellationReason.builder().code("TransactionConflict")
                    .message("Transaction is ongoing for the item").build());
        }
        return TransactionCanceledException.builder().statusCode(400).message(message("conflict", operation))
                .cancellationReasons(reasons).awsErrorDetails(details("TransactionCanceledException", operation))
                .build();
    }

    private static AwsErrorDetails details(String code, String operation) {
        return AwsErrorDetails.builder().errorCode(code).serviceName("DynamoDb")
                .errorMessage(message(code, operation)).build();
    }

    private static String message(String kind, String operation) {
        return "fault injected: " + kind + " " + operation;
    }

    private record Scripted(FaultKind kind, String operation, AtomicInteger passing, AtomicInteger remaining) {

        static int less(int count) {
            return Math.max(0, count - 1);
        }
    }
}
