package cc.marix.reseller.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import cc.marix.reseller.lambda.FunctionSpec;
import cc.marix.reseller.lambda.Functions;

/**
 * scripts/invoke.sh FUNCTION EVENT_FILE, like {@code sam local invoke}: starts the packaged app as that function (its
 * APP_FUNCTION) under AWS's runtime interface client, invokes it once with the event, prints the answer's JSON on
 * stdout and stops it. Exit 0 on an answer, 1 on a failed invocation (its error JSON is printed instead), 2 on bad
 * usage. It uses the DynamoDB Local and the SMTP sink of a running scripts/run-local.sh, with callbacks to http on
 * loopback allowed as there. Logs go to stderr.
 */
public final class LocalInvoke {

    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    static final String KEY_PLACEHOLDER = "mk_replace-with-a-key-from-createApiUser-000000000";

    private LocalInvoke() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (Exception e) {
            System.err.println("invoke: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int run(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: scripts/invoke.sh FUNCTION EVENT_FILE (FUNCTION: "
                    + functionNames() + ")");
        }
        String function = args[0];
        if (!Functions.ALL.equals(function) && Functions.byName(function).isEmpty()) {
            throw new IllegalArgumentException("no function " + function + "; one of " + functionNames());
        }
        ObjectMapper mapper = exactMapper();
        LocalLayout layout = LocalLayout.ofWorkingDirectory();
        String event = withDemoApiKey(readEvent(Path.of(args[1]), mapper), layout);
        String endpoint = runningDynamoDb(layout);

        Map<String, String> environment = new LinkedHashMap<>(FunctionProcess.dynamoDbEnvironment(endpoint, false));
        environment.putAll(runningStackEnvironment(layout));

        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.start(function, LocalLambdaRuntime.DEFAULT_TIMEOUT);
                FunctionProcess process = FunctionProcess.start(layout, function, runtime.address(), environment)) {
            process.awaitReady(runtime, START_LIMIT);
            try {
                System.out.println(pretty(runtime.invoke(event), mapper));
                return 0;
            } catch (LambdaInvocationException e) {
                System.err.println("invoke: the invocation failed: " + e.errorType());
                System.out.println(pretty(e.errorJson(), mapper));
                return 1;
            }
        }
    }

    private static String readEvent(Path file, ObjectMapper mapper) throws IOException {
        try {
            String event = Files.readString(file);
            mapper.readTree(event);
            return event;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no event file " + file);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The public API's events carry {@value #KEY_PLACEHOLDER} where a key goes; against run-local that is its demo
     * user's key (demo.env's API_KEY), so they answer rather than 401. Any other key is sent as written.
     */
    static String withDemoApiKey(String event, LocalLayout layout) throws IOException {
        Path demoEnv = layout.demoEnvFile();
        if (!event.contains(KEY_PLACEHOLDER) || !Files.isRegularFile(demoEnv)) {
            return event;
        }
        for (String line : Files.readAllLines(demoEnv)) {
            if (line.startsWith("API_KEY=")) {
                System.err.println("invoke: the event's placeholder key is replaced by run-local's demo API key");
                return event.replace(KEY_PLACEHOLDER, line.substring("API_KEY=".length()).trim());
            }
        }
        return event;
    }

    /** The endpoint run-local wrote, once it is sure to answer: a file left by a killed run-local is not enough. */
    private static String runningDynamoDb(LocalLayout layout) throws IOException {
        Path file = layout.dynamoDbEndpointFile();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("scripts/run-local.sh is not running (no " + file
                    + "); start it in another terminal first");
        }
        String endpoint = Files.readString(file).trim();
        URI uri = URI.create(endpoint);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
        } catch (IOException e) {
            throw new IllegalStateException("DynamoDB Local at " + endpoint
                    + " does not answer; is scripts/run-local.sh still running?");
        }
        return endpoint;
    }

    /**
     * The delivery settings run-local gave its own function (its SMTP sink; callbacks to http on loopback allowed),
     * so an e-mail order or a replayed callback sent from here goes where the local stack's would.
     */
    private static Map<String, String> runningStackEnvironment(LocalLayout layout) throws IOException {
        Path file = layout.functionEnvironmentFile();
        Map<String, String> environment = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return environment;
        }
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                environment.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        if (Boolean.parseBoolean(environment.get("APP_DELIVERY_ALLOW_LOOPBACK_HTTP"))) {
            System.err.println("invoke: a local run, so callbacks may go to http on loopback"
                    + " (APP_DELIVERY_ALLOW_LOOPBACK_HTTP=true)");
        }
        return environment;
    }

    // Money stays as written: "4990.00" must not come out as 4990.0.
    private static ObjectMapper exactMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        return mapper;
    }

    private static String pretty(String json, ObjectMapper mapper) {
        try {
            JsonNode tree = mapper.readTree(json);
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException notJson) {
            return json;
        }
    }

    private static String functionNames() {
        return Functions.DEPLOYED.stream().map(FunctionSpec::name).collect(Collectors.joining(", "));
    }
}
