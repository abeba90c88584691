package cc.marix.reseller.local;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What AWS does around the delivery functions, for local runs: an event source mapping that reads the table's
 * stream every {@code streamPoll} and invokes the function with each batch (the records {@link StreamFeeder} lets
 * through), and schedules that invoke {@code {"job": "delivery-retry"}}, {@code {"job": "order-expiry"}} and
 * {@code {"job": "payment-reconcile"}} every {@code retryEvery}. All go through
 * the local Lambda runtime, so the one APP_FUNCTION=all process routes them by their shape, as it routes HTTP.
 *
 * <p>Like the event source mapping, a batch whose invocation fails or reports {@code batchItemFailures} is sent again
 * (the worker's lease makes that safe) and dropped after {@link #BATCH_ATTEMPTS} attempts; the order stays due, so
 * delivery-retry still finds it. An error is logged (once, until things work again) and never stops the loops.
 */
final class DeliveryTriggers implements AutoCloseable {

    static final String RETRY_EVENT = "{\"job\":\"delivery-retry\"}";
    static final String EXPIRY_EVENT = "{\"job\":\"order-expiry\"}";
    static final String RECONCILE_EVENT = "{\"job\":\"payment-reconcile\"}";
    static final int BATCH_ATTEMPTS = 10;

    /** Hands an event to the function and returns its answer, as {@link LocalLambdaRuntime#invoke} does. */
    @FunctionalInterface
    interface Invoker {
        String invoke(String event);
    }

    /** The new stream batches since the last call: {@link StreamFeeder#poll()}. */
    @FunctionalInterface
    interface StreamSource {
        List<String> poll();
    }

    private final Invoker function;
    private final StreamSource stream;
    private final PrintStream log;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Deque<String> batches = new ArrayDeque<>();
    private final ScheduledExecutorService threads;
    private final AutoCloseable clients;
    private int batchAttempts;
    private String streamError;
    private String retryError;
    private String expiryError;
    private String reconcileError;
    private volatile boolean closed;

    DeliveryTriggers(Invoker function, StreamSource stream, AutoCloseable clients, PrintStream log) {
        this.function = function;
        this.stream = stream;
        this.clients = clients;
        this.log = log;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "delivery-trigger-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Feeds the worker from the table's stream in DynamoDB Local at {@code dynamoDb}, starting with the records
     * written from now on, and runs the retry schedule.
     */
    static DeliveryTriggers start(LocalLambdaRuntime runtime, URI dynamoDb, Duration streamPoll, Duration retryEvery,
            PrintStream log) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAccount.ACCESS_KEY_ID, LocalAccount.SECRET_ACCESS_KEY));
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(dynamoDb)
                .region(Region.of(LocalAccount.REGION)).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoDb)
                .region(Region.of(LocalAccount.REGION)).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        AutoCloseable clients = () -> {
            streams.close();
            dynamo.close();
        };
        StreamFeeder feeder;
        try {
            feeder = new StreamFeeder(dynamo, streams, LocalAccount.TABLE_NAME).fromNow();
        } catch (RuntimeException e) {
            closeQuietly(clients);
            throw e;
        }
        DeliveryTriggers triggers = new DeliveryTriggers(runtime::invoke, feeder::poll, clients, log);
        triggers.schedule(streamPoll, retryEvery);
        return triggers;
    }

    void schedule(Duration streamPoll, Duration retryEvery) {
        threads.scheduleWithFixedDelay(this::feedStream, streamPoll.toMillis(), streamPoll.toMillis(),
                TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(this::runRetry, retryEvery.toMillis(), retryEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(this::runExpiry, retryEvery.toMillis(), retryEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(this::runReconcile, retryEvery.toMillis(), retryEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One tick of the event source mapping: new records, then every batch not yet delivered, in order. */
    void feedStream() {
        try {
            if (batches.isEmpty()) {
                batches.addAll(stream.poll());
            }
            while (!batches.isEmpty() && !closed) {
                String batch = batches.peek();
                int records = mapper.readTree(batch).path("Records").size();
                String answer = function.invoke(batch);
                JsonNode failures = mapper.readTree(answer).path("batchItemFailures");
                if (failures.isArray() && !failures.isEmpty()) {
                    batchFailed("delivery-worker answered " + answer);
                    return;
                }
                batches.poll();
                batchAttempts = 0;
                log("run-local: delivery-worker <- " + records + " stream record(s) -> " + answer);
                streamError = null;
            }
        } catch (LambdaInvocationException e) {
            batchFailed("delivery-worker failed: " + e.getMessage());
        } catch (Exception | LinkageError e) {
            streamError = logOnce(streamError, "reading the stream or invoking delivery-worker failed: " + e);
        }
    }

    private void batchFailed(String why) {
        batchAttempts++;
        if (batchAttempts >= BATCH_ATTEMPTS) {
            log("run-local: " + why + "; dropping the batch after " + batchAttempts
                    + " attempts (in AWS: the DeliveryFailures queue); delivery-retry still finds its orders");
            batches.poll();
            batchAttempts = 0;
            streamError = null;
        } else {
            streamError = logOnce(streamError, why + "; sending the batch again");
        }
    }

    /** One run of the schedule; logged only when something was due, or on errors. */
    void runRetry() {
        try {
            String answer = function.invoke(RETRY_EVENT);
            if (mapper.readTree(answer).path("due").asInt() > 0) {
                log("run-local: delivery-retry -> " + answer);
            }
            retryError = null;
        } catch (Exception | LinkageError e) {
            retryError = logOnce(retryError, "delivery-retry failed: " + e);
        }
    }

    /** One run of the order-expiry schedule; logged only when it moved an order, or on errors. */
    void runExpiry() {
        try {
            String answer = function.invoke(EXPIRY_EVENT);
            JsonNode ran = mapper.readTree(answer);
            if (ran.path("expired").asInt() + ran.path("completed").asInt() > 0) {
                log("run-local: order-expiry -> " + answer);
            }
            expiryError = null;
        } catch (Exception | LinkageError e) {
            expiryError = logOnce(expiryError, "order-expiry failed: " + e);
        }
    }

    /** One run of the payment-reconcile schedule; logged only when a payment was due a look, or on errors. */
    void runReconcile() {
        try {
            String answer = function.invoke(RECONCILE_EVENT);
            if (mapper.readTree(answer).path("due").asInt() > 0) {
                log("run-local: payment-reconcile -> " + answer);
            }
            reconcileError = null;
        } catch (Exception | LinkageError e) {
            reconcileError = logOnce(reconcileError, "payment-reconcile failed: " + e);
        }
    }

    /** Logs an error unless it is the one logged last; returns it, to compare with the next. */
    private String logOnce(String last, String error) {
        if (!error.equals(last)) {
            log("run-local: " + error);
        }
        return error;
    }

    private void log(String line) {
        if (!closed) {
            log.println(line);
            log.flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(clients);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // Only HTTP connections to a database that is going away.
        }
    }
}
