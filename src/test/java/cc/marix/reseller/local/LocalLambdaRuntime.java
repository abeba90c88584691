package cc.marix.reseller.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A Lambda Runtime API (version 2018-06-01) on 127.0.0.1, for a function process (the AWS runtime interface client,
 * or Quarkus' own poll loop in tests) to poll, plus {@link #invoke(String)} to hand it events the way the Lambda
 * service does.
 *
 * <p>Invocations wait in one queue and go to whichever poller asks next, so any number of threads may invoke at once;
 * one poller serves them one after another, as one Lambda execution environment does. Each invocation has a deadline
 * ({@code timeout} after it was queued, also sent as {@code Lambda-Runtime-Deadline-Ms}).
 *
 * <p>Failures are exceptions: {@link #invoke(String)} throws {@link LambdaInvocationException} carrying the
 * {@code errorType}, {@code errorMessage} and JSON the function posted to {@code /invocation/{id}/error} or
 * {@code /init/error}, or {@link LambdaInvocationException#TIMEOUT} when the deadline passes first.
 */
public final class LocalLambdaRuntime implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final String LOOPBACK = "127.0.0.1";
    /** The error type Lambda reports for an invocation whose process exited before it answered. */
    static final String EXIT_ERROR = "Runtime.ExitError";

    private static final long POLL_CHECK_MILLIS = 200;

    static {
        // The JDK server leaves Nagle's algorithm on by default: each small response then waits ~40 ms for the
        // client's delayed ACK, which would cap an invocation round trip at about 20 per second. Read once, when the
        // first JDK HttpServer starts in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String functionArn;
    private final Duration timeout;
    private final BlockingDeque<Invocation> queue = new LinkedBlockingDeque<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private volatile CountDownLatch firstPoll = new CountDownLatch(1);
    /** Counts the function processes that served this runtime: a poll parked by a process that died ends with it. */
    private volatile long generation;
    private final List<FunctionUrlFront> fronts = new ArrayList<>();
    private final HttpServer server;
    private final ExecutorService threads;
    private volatile LambdaInvocationException initError;
    private volatile boolean closed;

    private LocalLambdaRuntime(String functionName, Duration timeout) throws IOException {
        this.functionArn = "arn:aws:lambda:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":function:"
                + functionName;
        this.timeout = timeout;
        this.threads = DaemonThreads.pool("lambda-runtime-api");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0), 0);
        server.createContext(RuntimeApiHandler.BASE_PATH, new RuntimeApiHandler(this));
        server.setExecutor(threads);
        server.start();
    }

    /** A runtime for the function {@code functionName} (in its ARN); invocations time out after {@code timeout}. */
    public static LocalLambdaRuntime start(String functionName, Duration timeout) {
        try {
            return new LocalLambdaRuntime(functionName, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("the local Lambda runtime API did not start", e);
        }
    }

    public static LocalLambdaRuntime start() {
        return start("local", DEFAULT_TIMEOUT);
    }

    /** What a function process needs in {@code AWS_LAMBDA_RUNTIME_API}: {@code 127.0.0.1:PORT}. */
    public String address() {
        return LOOPBACK + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Starts an HTTP front on 127.0.0.1 that turns requests into Function URL events (payload 2.0) for this runtime;
     * port 0 picks a free port. It stops with the runtime.
     */
    public synchronized FunctionUrlFront startHttpFront(int port) {
        FunctionUrlFront front = FunctionUrlFront.start(this, port);
        fronts.add(front);
        return front;
    }

    /** Invokes the function with this event and returns its JSON answer; see the class comment for failures. */
    public String invoke(String eventJson) {
        if (closed) {
            throw new IllegalStateException("the local Lambda runtime is closed");
        }
        LambdaInvocationException failedInit = initError;
        if (failedInit != null) {
            throw failedInit.rethrownHere();
        }
        Invocation invocation = new Invocation(UUID.randomUUID().toString(),
                eventJson.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() + timeout.toMillis(),
                traceId());
        queue.add(invocation);
        try {
            return invocation.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the function", e);
        } finally {
            queue.remove(invocation);
            running.remove(invocation.requestId());
        }
    }

    /**
     * Waits until a function process has asked for its first invocation, i.e. it has finished starting; after
     * {@link #processExited}, until the next process has.
     */
    public boolean awaitFirstPoll(Duration wait) throws InterruptedException {
        return firstPoll.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Blocks like the real {@code invocation/next}: returns the next invocation, or null once the runtime closes. */
    Invocation next() throws InterruptedException {
        long polledBy = generation;
        // A process polling again has (re)started, so an earlier init error no longer describes it.
        initError = null;
        firstPoll.countDown();
        while (!closed && polledBy == generation) {
            Invocation invocation = queue.poll(POLL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            if (invocation != null) {
                return take(invocation, polledBy);
            }
        }
        return null;
    }

    /** Hands the invocation to the poller, unless its process exited meanwhile: then it is the next process's. */
    private synchronized Invocation take(Invocation invocation, long polledBy) {
        if (polledBy != generation) {
            queue.addFirst(invocation);
            return null;
        }
        running.put(invocation.requestId(), invocation);
        return invocation;
    }

    /** The poller could not take the invocation (its connection broke): the next poller gets it instead. */
    void requeue(Invocation invocation) {
        running.remove(invocation.requestId());
        queue.addFirst(invocation);
    }

    boolean respond(String requestId, String responseJson) {
        Invocation invocation = running.remove(requestId);
        if (invocation == null) {
            return false;
        }
        invocation.succeed(responseJson);
        return true;
    }

    boolean fail(String requestId, LambdaInvocationException error) {
        Invocation invocation = running.remove(requestId);
        if (invocation == null) {
            return false;
        }
        invocation.fail(error);
        return true;
    }

    /**
     * The function process exited with {@code exitStatus}: what it was running fails as Lambda fails it
     * ({@code Runtime.ExitError}; a Function URL answers 502, an event source retries), a poll it left parked takes
     * nothing more, and what is queued waits for the next process.
     */
    synchronized void processExited(int exitStatus) {
        firstPoll = new CountDownLatch(1);
        generation++;
        for (Invocation invocation : List.copyOf(running.values())) {
            fail(invocation.requestId(), LambdaInvocationException.raised(EXIT_ERROR, "RequestId: "
                    + invocation.requestId() + " Error: Runtime exited with error: exit status " + exitStatus));
        }
    }

    /** The function could not start: what is queued fails with its error, as does what comes before it polls again. */
    void initFailed(LambdaInvocationException error) {
        initError = error;
        for (Invocation queued = queue.poll(); queued != null; queued = queue.poll()) {
            queued.fail(error);
        }
    }

    String functionArn() {
        return functionArn;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            fronts.forEach(FunctionUrlFront::close);
        }
        LambdaInvocationException shutdown = LambdaInvocationException.raised("Runtime.Shutdown",
                "the local Lambda runtime stopped");
        for (Invocation queued = queue.poll(); queued != null; queued = queue.poll()) {
            queued.fail(shutdown);
        }
        running.values().forEach(invocation -> invocation.fail(shutdown));
        // No grace period: on JDK 17 stop(n) waits the whole n seconds while a poller is parked in invocation/next.
        server.stop(0);
        threads.shutdownNow();
    }

    // The X-Ray trace header format: Root=1-<epoch seconds, hex>-<96 random bits, hex>.
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("Root=1-%08x-%08x%016x;Parent=%016x;Sampled=0", System.currentTimeMillis() / 1000,
                random.nextInt(), random.nextLong(), random.nextLong());
    }
}
