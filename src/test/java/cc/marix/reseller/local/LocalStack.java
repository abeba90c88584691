package cc.marix.reseller.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.lambda.Functions;
import cc.marix.reseller.support.Ids;

/**
 * scripts/run-local.sh: the whole back end on this machine. DynamoDB Local in this JVM; a Lambda runtime API with a
 * Function URL front on 127.0.0.1:${PORT:-8080}; one function process (APP_FUNCTION=all, every HTTP route) from the
 * packaged app under AWS's runtime interface client, which creates the table as it starts; demo data sent as admin
 * events. Prints how to use it on stdout (everything else goes to stderr) and runs until Ctrl-C.
 */
public final class LocalStack {

    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final int DEFAULT_PORT = 8080;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private final LocalLayout layout = LocalLayout.ofWorkingDirectory();
    private boolean stopping;

    public static void main(String[] args) {
        LocalStack stack = new LocalStack();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            System.exit(stack.run(port(System.getenv("PORT"))));
        } catch (Exception e) {
            System.err.println("run-local: " + e.getMessage());
            System.exit(1);
        }
    }

    private int run(int port) throws Exception {
        LoopbackDynamoDb dynamo = started(LoopbackDynamoDb.start());
        Path endpointFile = layout.dynamoDbEndpointFile();
        Files.createDirectories(endpointFile.getParent());
        Files.writeString(endpointFile, dynamo.endpoint().toString());
        onStop(() -> Files.deleteIfExists(endpointFile));

        LocalLambdaRuntime runtime = started(
                LocalLambdaRuntime.start(Functions.ALL, LocalLambdaRuntime.DEFAULT_TIMEOUT));
        FunctionUrlFront front = frontOn(runtime, port);
        FunctionProcess function = started(FunctionProcess.start(layout, Functions.ALL, runtime.address(),
                FunctionProcess.dynamoDbEnvironment(dynamo.endpoint().toString(), true)));
        layout.pruneTaskRootsOtherThan(layout.taskRoot());
        function.awaitReady(runtime, START_LIMIT);

        seed(runtime);
        Path body = notificationBody();
        printWelcome(System.out, front.port(), dynamo, body);

        int exit = function.waitFor();
        if (!isStopping()) {
            System.err.println("run-local: the function process exited (code " + exit + "); stopping");
        }
        return 1;
    }

    private FunctionUrlFront frontOn(LocalLambdaRuntime runtime, int port) {
        try {
            return runtime.startHttpFront(port);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("127.0.0.1:" + port + " is not free; run with PORT=<another port>", e);
        }
    }

    private void seed(LocalLambdaRuntime runtime) throws IOException {
        for (ObjectNode event : new DemoData(mapper).seedEvents()) {
            String action = event.path("action").asText();
            String answer;
            try {
                answer = runtime.invoke(event.toString());
            } catch (LambdaInvocationException e) {
                throw new IllegalStateException("seeding " + action + " failed: " + e.errorJson(), e);
            }
            JsonNode json = mapper.readTree(answer);
            if (json.has("error") && !DemoData.isAlreadyThere(json.path("error").asText())) {
                throw new IllegalStateException("seeding " + action + " answered an error: " + answer);
            }
            System.err.println("run-local: seeded " + action + " -> " + answer);
        }
    }

    private Path notificationBody() throws IOException {
        Path dir = Files.createTempDirectory("reseller-local-");
        Path body = dir.resolve("order-paid.json");
        Files.writeString(body, new DemoData(mapper).orderPaid("DEMO-ORDER-1").toString(), StandardCharsets.UTF_8);
        onStop(() -> {
            Files.deleteIfExists(body);
            Files.deleteIfExists(dir);
        });
        return body;
    }

    private void printWelcome(PrintStream out, int port, LoopbackDynamoDb dynamo, Path body) {
        String url = "http://127.0.0.1:" + port;
        String eventId = new Ids(Clock.systemUTC()).nextString();
        out.println();
        out.println("The reseller back end runs locally (every HTTP function, as APP_FUNCTION=all).");
        out.println();
        out.println("  URL             " + url + "   (also http://localhost:" + port + "; loopback only)");
        out.println("  Partner         " + DemoData.PARTNER);
        out.println("  Partner secret  " + DemoData.PARTNER_SECRET);
        out.println("  Product         " + DemoData.PRODUCT_ID + " (demo-game-key, " + DemoData.CODES + " codes)");
        out.println("  DynamoDB Local  " + dynamo.endpoint() + "   (table " + LocalAccount.TABLE_NAME + ")");
        out.println();
        out.println("A signed order.paid notification from the partner (running it again replays the first answer):");
        out.println();
        out.println("  curl -i -sS -X POST '" + url + "/api/orders/webhooks/" + DemoData.PARTNER + "/notification' \\");
        out.println("    -H 'Content-Type: application/json' \\");
        out.println("    -H 'X-Event-Id: " + eventId + "' \\");
        out.println("    -H \"X-Signature: $('" + layout.signScript() + "' '" + DemoData.PARTNER_SECRET + "' '" + body
                + "')\" \\");
        out.println("    --data-binary @'" + body + "'");
        out.println();
        out.println("Any function with an event file, like sam local invoke (uses this DynamoDB):");
        out.println("  scripts/invoke.sh admin src/test/resources/events/admin/stock-report.json");
        out.println("The table with the aws CLI:");
        out.println("  AWS_ACCESS_KEY_ID=" + LocalAccount.ACCESS_KEY_ID + " AWS_SECRET_ACCESS_KEY="
                + LocalAccount.SECRET_ACCESS_KEY + " aws --region " + LocalAccount.REGION
                + " dynamodb scan --table-name " + LocalAccount.TABLE_NAME + " --endpoint-url " + dynamo.endpoint());
        out.println();
        out.println("Ctrl-C stops everything.");
        out.flush();
    }

    private <T extends AutoCloseable> T started(T resource) {
        onStop(resource);
        return resource;
    }

    /** Registers what stop() undoes; once stopping (Ctrl-C during start-up), undoes it at once instead. */
    private synchronized void onStop(AutoCloseable resource) {
        if (stopping) {
            closeQuietly(resource);
            throw new IllegalStateException("stopping");
        }
        running.push(resource);
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    private synchronized void stop() {
        stopping = true;
        while (!running.isEmpty()) {
            closeQuietly(running.pop());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("run-local: while stopping: " + e);
        }
    }

    private static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number, not " + value);
        }
    }
}
