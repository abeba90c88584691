package cc.marix.reseller.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The packaged application running as one Lambda function, the way the Java 17 managed runtime runs it: a JVM with
 * AWS's runtime interface client on the classpath, working directory and {@code LAMBDA_TASK_ROOT} the unpacked
 * function.zip (the client loads the code from there, in its own class loader), handler
 * {@code QuarkusStreamHandler::handleRequest}, and a Lambda-like environment.
 *
 * <p>The child's stderr is ours; its stdout is copied to our stderr, so that the callers' stdout carries only their
 * results.
 */
final class FunctionProcess implements AutoCloseable {

    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String MEMORY_MB = "512";

    private final String function;
    private final Process process;
    private final Thread stdoutCopier;

    private FunctionProcess(String function, Process process) {
        this.function = function;
        this.process = process;
        this.stdoutCopier = ChildProcesses.copyOutput(process, function + "-stdout");
    }

    /**
     * Starts the function {@code function} (its APP_FUNCTION) against the runtime API at {@code runtimeApi}.
     * {@code appEnvironment} is the application's configuration (table, DynamoDB endpoint); QUARKUS_* and APP_*
     * variables of this process are passed through under it, so a caller can add configuration but not change what
     * the caller set.
     */
    static FunctionProcess start(LocalLayout layout, String function, String runtimeApi,
            Map<String, String> appEnvironment) {
        return start(layout, function, runtimeApi, appEnvironment, Path.of(System.getProperty("java.home")),
                List.of());
    }

    /** As {@link #start(LocalLayout, String, String, Map)}, on the JVM at {@code javaHome} with extra JVM flags. */
    static FunctionProcess start(LocalLayout layout, String function, String runtimeApi,
            Map<String, String> appEnvironment, Path javaHome, List<String> extraJvmFlags) {
        Path task = layout.taskRoot();
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        // The JVM flags of AWS's java17 runtime: quick start-up over peak throughput.
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(extraJvmFlags);
        command.add("-cp");
        command.add(layout.runtimeClientClasspath().stream().map(Path::toString)
                .collect(Collectors.joining(System.getProperty("path.separator"))));
        command.add(RUNTIME_CLIENT);
        command.add(HANDLER);

        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> environment = builder.environment();
        Map<String, String> inherited = new LinkedHashMap<>(environment);
        environment.clear();
        inherited.forEach((name, value) -> {
            if (name.equals("PATH") || name.equals("LANG") || name.startsWith("QUARKUS_") || name.startsWith("APP_")) {
                environment.put(name, value);
            }
        });
        environment.putAll(lambdaEnvironment(function, runtimeApi, task));
        environment.putAll(appEnvironment);
        environment.put("APP_FUNCTION", function);
        try {
            return new FunctionProcess(function, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the function process", e);
        }
    }

    /** What Lambda sets for every function (reserved variables), with this machine's pretend account. */
    private static Map<String, String> lambdaEnvironment(String function, String runtimeApi, Path task) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", task.toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", MEMORY_MB);
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_REGION", LocalAccount.REGION);
        env.put("AWS_DEFAULT_REGION", LocalAccount.REGION);
        env.put("AWS_ACCESS_KEY_ID", LocalAccount.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", LocalAccount.SECRET_ACCESS_KEY);
        env.put("TZ", ":UTC");
        return env;
    }

    /** The application's settings for a local DynamoDB: endpoint, region, static credentials, table. */
    static Map<String, String> dynamoDbEnvironment(String endpoint, boolean createTable) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", endpoint);
        env.put("QUARKUS_DYNAMODB_AWS_REGION", LocalAccount.REGION);
        env.put("QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE", "static");
        env.put("QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", LocalAccount.ACCESS_KEY_ID);
        env.put("QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", LocalAccount.SECRET_ACCESS_KEY);
        env.put("TABLE_NAME", LocalAccount.TABLE_NAME);
        env.put("APP_TABLE_CREATE", Boolean.toString(createTable));
        return env;
    }

    /**
     * The delivery settings of a local run: e-mail goes to the SMTP sink on 127.0.0.1:{@code smtpPort}, and callbacks
     * may go to http on loopback (app.delivery.allow-loopback-http, off by default and never set in AWS), so a
     * partner sink on this machine can receive them.
     */
    static Map<String, String> localDeliveryEnvironment(int smtpPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SMTP_HOST", LocalLambdaRuntime.LOOPBACK);
        env.put("SMTP_PORT", Integer.toString(smtpPort));
        env.put("APP_DELIVERY_ALLOW_LOOPBACK_HTTP", "true");
        return env;
    }

    /**
     * The payment settings of a local run: each provider is its sandbox, whose demo credentials the function reads
     * from the secrets extension's stand-in ({@link SecretsExtensionStandIn#functionEnvironment()}). Tribute at
     * {@code tributeUrl}; the exchanger at {@code exchangerUrl}, told to send its IPNs to {@code ipnBaseUrl} (the
     * front); the merchant gateway at {@code merchantUrl}.
     */
    static Map<String, String> localPaymentEnvironment(String tributeUrl, String exchangerUrl, String ipnBaseUrl,
            String merchantUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRIBUTE_URL", tributeUrl);
        env.put("EXCHANGER_URL", exchangerUrl);
        env.put("EXCHANGER_IPN_URL", ipnBaseUrl);
        env.put("MERCHANT_URL", merchantUrl);
        return env;
    }

    /**
     * Waits until the function has started and polls the runtime for work; fails early, with the exit code, if the
     * process dies first (its log on stderr says why).
     */
    void awaitReady(LocalLambdaRuntime runtime, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!runtime.awaitFirstPoll(Duration.ofMillis(250))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("function " + function + " exited with code " + process.exitValue()
                        + " while starting; its log is above");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("function " + function + " did not start within " + limit);
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The most memory the process has held so far (VmHWM, in KiB), or -1 where /proc cannot tell. */
    long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** The exit status, once the process has ended; -1 while it runs. */
    int exitValue() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Stops the function like Lambda retires an environment: SIGTERM, then SIGKILL if it lingers. */
    @Override
    public void close() {
        ChildProcesses.stop(process, stdoutCopier, Duration.ofSeconds(10));
    }
}
