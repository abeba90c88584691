package cc.marix.reseller.local;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Test resource: a {@link LocalLambdaRuntime} with its HTTP front, both on 127.0.0.1 and free ports. The application's
 * test-mode poll loop polls this runtime (the Quarkus mock event server is disabled in %test because it listens on
 * every interface), so tests reach the app exactly as Lambda does: rest-assured through the HTTP front (Function URL
 * events), raw events through {@link #runtime()}.
 *
 * <p>The test ports rest-assured reads are pointed at the HTTP front, so its default port is already right;
 * {@link #httpPort()} is there for clients that need the number.
 */
public class LocalLambdaRuntimeResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalLambdaRuntime runtime;
    private static volatile FunctionUrlFront front;

    @Override
    public Map<String, String> start() {
        runtime = LocalLambdaRuntime.start("reseller-test", LocalLambdaRuntime.DEFAULT_TIMEOUT);
        front = runtime.startHttpFront(0);
        return Map.of(
                // Read by the Quarkus poll loop in test mode, which appends /2018-06-01/runtime/...
                "quarkus-internal.aws-lambda.test-api", runtime.address(),
                // rest-assured's default port: Quarkus reads the mock event server's test port first, then HTTP's.
                "quarkus.lambda.mock-event-server.test-port", Integer.toString(front.port()),
                "quarkus.http.test-port", Integer.toString(front.port()));
    }

    @Override
    public void stop() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
            front = null;
        }
    }

    /** The runtime the application polls: {@code runtime().invoke(json)} sends a raw event. */
    public static LocalLambdaRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("LocalLambdaRuntimeResource is not started for this test");
        }
        return runtime;
    }

    /** The HTTP front's port on 127.0.0.1 (also quarkus.http.test-port, rest-assured's default). */
    public static int httpPort() {
        if (front == null) {
            throw new IllegalStateException("LocalLambdaRuntimeResource is not started for this test");
        }
        return front.port();
    }
}
