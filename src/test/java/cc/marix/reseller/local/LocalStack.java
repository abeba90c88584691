package cc.marix.reseller.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.lambda.Functions;
import cc.marix.reseller.support.Ids;

/**
 * scripts/run-local.sh: the whole back end on this machine. DynamoDB Local in this JVM; a Lambda runtime API with a
 * Function URL front on 127.0.0.1:${PORT:-8080}; one function process (APP_FUNCTION=all, every HTTP route) from the
 * packaged app under AWS's runtime interface client, which creates the table as it starts; demo data sent as admin
 * events. For e-mail delivery: GreenMail as the SMTP server on 127.0.0.1:${SMTP_PORT:-3025} with its REST API on
 * 127.0.0.1:${MAIL_API_PORT:-8025}, a partner callback sink on 127.0.0.1:${CALLBACK_PORT:-8089}, the delivery worker
 * fed from the table's stream, delivery-retry and order-expiry on a schedule (all through the same runtime, as AWS invokes them),
 * and callbacks to http on loopback allowed. For payments: a Tribute sandbox on 127.0.0.1:${TRIBUTE_PORT:-8091} that
 * sends its signed webhooks to the front, an exchanger sandbox on 127.0.0.1:${EXCHANGER_PORT:-8092} that sends its
 * IPNs (once each, as the exchanger does), a merchant gateway sandbox on 127.0.0.1:${MERCHANT_PORT:-8093} that sends
 * its signed callback V3, and payment-reconcile on the same schedule. Credentials: a stand-in for the AWS Parameters
 * and Secrets Lambda Extension on 127.0.0.1:${SECRETS_PORT:-2773} serves the demo secrets; the function is given
 * only its port, a session token and the secrets' names. DATA_DIR, when set, keeps DynamoDB Local's files and the
 * demo API key for the next run (see DemoApiKey). A function process that dies is replaced, as Lambda replaces
 * an execution environment ({@link FunctionSupervisor}; CRASH_AT kills the first one at a crash point). Prints how to
 * use it on stdout (everything else goes to stderr), writes its demo values for scripts/smoke.sh to
 * target/local/demo.env, and runs until Ctrl-C.
 */
public final class LocalStack {

    /** template.yaml's LogLevel AllowedValues (lambda.LogLevelTest compares them). */
    public static final List<String> LOG_LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final Duration STREAM_POLL = Duration.ofMillis(500);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(10);
    private static final String DEMO_CUSTOMER = "buyer@example.com";
    private static final String EMAIL_ORDER = "DEMO-MAIL-1";

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private final LocalLayout layout = LocalLayout.ofWorkingDirectory();
    private boolean stopping;

    public static void main(String[] args) {
        LocalStack stack = new LocalStack();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            System.exit(stack.run(Ports.fromEnvironment()));
        } catch (Exception e) {
            System.err.println("run-local: " + e.getMessage());
            System.exit(1);
        }
    }

    private int run(Ports ports) throws Exception {
        System.err.println("run-local: this is a local run, so callbacks may go to http on loopback"
                + " (APP_DELIVERY_ALLOW_LOOPBACK_HTTP=true); off by default and in AWS, where they must be https to"
                + " public hosts");
        requireFree(ports.smtp(), "SMTP_PORT");
        requireFree(ports.mailApi(), "MAIL_API_PORT");
        requireFree(ports.tribute(), "TRIBUTE_PORT");
        requireFree(ports.exchanger(), "EXCHANGER_PORT");
        requireFree(ports.merchant(), "MERCHANT_PORT");
        requireFree(ports.secrets(), "SECRETS_PORT");
        SecretsExtensionStandIn secrets = started(SecretsExtensionStandIn.start(ports.secrets(),
                "local-" + UUID.randomUUID()));
        LocalMailServer mail = started(LocalMailServer.start(layout, ports.smtp(), ports.mailApi()));
        PartnerCallbackSink sink = started(sinkOn(ports.callbacks()));

        Optional<Path> dataDir = dataDir(System.getenv("DATA_DIR"));
        LoopbackDynamoDb dynamo = started(LoopbackDynamoDb.start(dataDir.orElse(null)));
        DemoApiKey demoApiKey = new DemoApiKey(mapper, dataDir);
        Path endpointFile = layout.dynamoDbEndpointFile();
        Files.createDirectories(endpointFile.getParent());
        Files.writeString(endpointFile, dynamo.endpoint().toString());
        onStop(() -> Files.deleteIfExists(endpointFile));

        LocalLambdaRuntime runtime = started(
                LocalLambdaRuntime.start(Functions.ALL, LocalLambdaRuntime.DEFAULT_TIMEOUT));
        FunctionUrlFront front = frontOn(runtime, ports.http());
        front.serveLocally(ApiDocsPage.PATH, new ApiDocsPage());
        String frontUrl = "http://" + LocalLambdaRuntime.LOOPBACK + ":" + front.port();
        TributeSandbox tribute = started(TributeSandbox.start(ports.tribute(), TributeSandbox.DEMO_API_KEY,
                URI.create(frontUrl + "/callbacks/tribute"), System.err));
        ExchangerSandbox exchanger = started(ExchangerSandbox.start(ports.exchanger(), ExchangerSandbox.DEMO_API_KEY,
                System.err));
        MerchantSandbox merchant = started(MerchantSandbox.start(ports.merchant(), MerchantSandbox.DEMO_API_KEY,
                MerchantSandbox.DEMO_SECRET, URI.create(frontUrl + "/callbacks/merchant"), System.err));
        Map<String, String> local = new LinkedHashMap<>(FunctionProcess.localDeliveryEnvironment(mail.smtpPort()));
        local.putAll(FunctionProcess.localPaymentEnvironment(tribute.url().toString(), exchanger.url().toString(),
                frontUrl, merchant.url().toString()));
        local.putAll(secrets.functionEnvironment());
        Map<String, String> environment = new LinkedHashMap<>(
                FunctionProcess.dynamoDbEnvironment(dynamo.endpoint().toString(), true));
        environment.putAll(local);
        environment.putAll(logLevel(System.getenv("LOG_LEVEL")));
        String faults = System.getenv("FAULTS");
        String crashAt = System.getenv(FunctionSupervisor.CRASH_AT);
        boolean hasFaults = faults != null && !faults.isBlank();
        boolean hasCrashPoint = crashAt != null && !crashAt.isBlank();
        String apiKey = null;
        if (hasFaults) {
            System.err.println("run-local: FAULTS=" + faults + " goes to the function process only: its DynamoDB"
                    + " calls fail as asked (functions.md, \"DynamoDB faults\"); the demo data is seeded first, by a"
                    + " process without it");
        }
        if (hasCrashPoint) {
            System.err.println("run-local: CRASH_AT=" + crashAt + " goes to the function process only: it halts"
                    + " (exit 137) the first time it reaches that point, its invocation fails as Lambda's would"
                    + " (Runtime.ExitError; 502 at the URL) and a new process without CRASH_AT takes over, once per"
                    + " run (functions.md, \"Crash points\"); the demo data is seeded first, by a process without it");
        }
        if (hasFaults || hasCrashPoint) {
            apiKey = seedWithoutFaults(environment, demoApiKey);
        }
        if (hasFaults) {
            environment.put("FAULTS", faults);
        }
        if (hasCrashPoint) {
            environment.put(FunctionSupervisor.CRASH_AT, crashAt.trim());
        }
        layout.pruneTaskRootsOtherThan(layout.taskRoot());
        writeFunctionEnvironment(local);
        mail.awaitReady();
        FunctionSupervisor function = started(FunctionSupervisor.start(layout, Functions.ALL, runtime, environment,
                START_LIMIT, System.err));

        if (apiKey == null) {
            seed(runtime);
            apiKey = demoApiKey.obtain(runtime);
        }
        started(DeliveryTriggers.start(runtime, dynamo.endpoint(), STREAM_POLL, RETRY_EVERY, System.err));
        writeDemoEnv(DemoEnv.of(frontUrl, apiKey)
                .put("TRIBUTE_SANDBOX_URL", tribute.url().toString())
                .put("EXCHANGER_SANDBOX_URL", exchanger.url().toString())
                .put("MERCHANT_SANDBOX_URL", merchant.url().toString())
                .put("MAIL_API_URL", mail.api().toString())
                .put("CALLBACK_SINK_URL", sink.callbackUrl("").toString()));
        Path dir = Files.createTempDirectory("reseller-local-");
        onStop(() -> Files.deleteIfExists(dir));
        DemoData demo = new DemoData(mapper);
        Path body = file(dir, "order-paid.json", demo.orderPaid("DEMO-ORDER-1"));
        Path emailBody = file(dir, "order-paid-email.json", demo.orderPaidByEmail(EMAIL_ORDER, DEMO_CUSTOMER,
                sink.callbackUrl(EMAIL_ORDER).toString(), "en"));
        Path emailStatus = file(dir, "order-status-email.json", demo.orderStatus(EMAIL_ORDER));
        printWelcome(System.out, front.port(), dynamo, mail, sink, body, emailBody, emailStatus);
        printPayments(System.out, front.port(), apiKey, tribute, exchanger, merchant);

        int exit = function.waitFor();
        if (!isStopping()) {
            System.err.println("run-local: a new function process exited (code " + exit + ") while starting;"
                    + " stopping");
        }
        return 1;
    }

    /** For scripts/invoke.sh: its function process gets the same delivery and payment settings as this one. */
    private void writeFunctionEnvironment(Map<String, String> settings) throws IOException {
        Path file = layout.functionEnvironmentFile();
        StringBuilder lines = new StringBuilder();
        settings.forEach((name, value) -> lines.append(name).append('=').append(value).append('\n'));
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        onStop(() -> Files.deleteIfExists(file));
    }

    /**
     * For scripts/smoke.sh: written once the stack answers, removed when it stops (the API key is per run, or per
     * DATA_DIR).
     */
    private void writeDemoEnv(DemoEnv demoEnv) throws IOException {
        Path file = layout.demoEnvFile();
        demoEnv.writeTo(file);
        onStop(() -> Files.deleteIfExists(file));
        System.err.println("run-local: demo values in " + file + " (demo secrets only), for"
                + " scripts/smoke.sh [--flows] " + demoEnv.baseUrl() + " " + layout.project().relativize(file));
    }

    private PartnerCallbackSink sinkOn(int port) {
        try {
            return PartnerCallbackSink.start(port, DemoData.PARTNER_SECRET, System.err);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("127.0.0.1:" + port + " is not free; run with CALLBACK_PORT=<another port>",
                    e);
        }
    }

    /** Fails with what to do when something already listens on the port (a second run-local, say). */
    private static void requireFree(int port, String variable) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(LocalLambdaRuntime.LOOPBACK), port));
        } catch (IOException e) {
            throw new IllegalStateException("127.0.0.1:" + port + " is not free; run with " + variable
                    + "=<another port>", e);
        }
    }

    private FunctionUrlFront frontOn(LocalLambdaRuntime runtime, int port) {
        try {
            return runtime.startHttpFront(port);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("127.0.0.1:" + port + " is not free; run with PORT=<another port>", e);
        }
    }

    /**
     * Seeds the demo data through a function process of its own, without FAULTS or CRASH_AT, on a runtime of its own (a stopped
     * process leaves its poll parked in the runtime, which would swallow the next event); returns the demo API key.
     */
    private String seedWithoutFaults(Map<String, String> environment, DemoApiKey demoApiKey) throws Exception {
        try (LocalLambdaRuntime seeding = LocalLambdaRuntime.start(Functions.ALL, LocalLambdaRuntime.DEFAULT_TIMEOUT);
                FunctionProcess seeder = FunctionProcess.start(layout, Functions.ALL, seeding.address(),
                        environment)) {
            seeder.awaitReady(seeding, START_LIMIT);
            seed(seeding);
            return demoApiKey.obtain(seeding);
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

    /**
     * {@code DATA_DIR}: where DynamoDB Local keeps the table (and DemoApiKey the demo key), so a later run on it
     * finds the data, orders and balances of this one; without it, everything is in memory and gone at Ctrl-C.
     */
    private static Optional<Path> dataDir(String value) {
        if (value == null || value.isBlank()) {
            System.err.println("run-local: the data is in memory and gone when run-local stops; DATA_DIR=<directory>"
                    + " keeps it (and the demo API key) for the next run");
            return Optional.empty();
        }
        Path dir = Path.of(value.trim()).toAbsolutePath().normalize();
        System.err.println("run-local: DATA_DIR=" + dir + " keeps DynamoDB Local's files ("
                + LoopbackDynamoDb.SHARED_DB_FILE + ") and the demo API key (" + DemoApiKey.FILE + "); the next run on"
                + " it finds this one's data; delete the directory to start afresh");
        return Optional.of(dir);
    }

    private Path file(Path dir, String name, ObjectNode content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content.toString(), StandardCharsets.UTF_8);
        onStop(() -> Files.deleteIfExists(file));
        return file;
    }

    private void printWelcome(PrintStream out, int port, LoopbackDynamoDb dynamo, LocalMailServer mail,
            PartnerCallbackSink sink, Path body, Path emailBody, Path emailStatus) {
        String url = "http://127.0.0.1:" + port;
        out.println();
        out.println("The reseller back end runs locally: every HTTP function (as APP_FUNCTION=all), the delivery");
        out.println("worker fed from the table's stream, and delivery-retry and order-expiry every "
                + RETRY_EVERY.toSeconds() + " s.");
        out.println();
        out.println("  URL             " + url + "   (also http://localhost:" + port + "; loopback only)");
        out.println("  API docs        " + url + ApiDocsPage.PATH + "   (Swagger UI of " + url + "/api/openapi.json)");
        out.println("  Partner         " + DemoData.PARTNER);
        out.println("  Partner secret  " + DemoData.PARTNER_SECRET);
        out.println("  Product         " + DemoData.PRODUCT_ID + " (demo-game-key, " + DemoData.CODES + " codes)");
        out.println("  DynamoDB Local  " + dynamo.endpoint() + "   (table " + LocalAccount.TABLE_NAME + ")");
        out.println("  SMTP sink       127.0.0.1:" + mail.smtpPort()
                + "   (GreenMail: keeps every mail, for any address)");
        out.println("  Mail REST API   " + mail.api().resolve("api/user") + "   (every mailbox; GreenMail's API)");
        out.println("  Partner sink    http://127.0.0.1:" + sink.port() + PartnerCallbackSink.PATH
                + "...   logs every callback here, its signature checked");
        out.println("  Callbacks       may go to http on loopback (APP_DELIVERY_ALLOW_LOOPBACK_HTTP=true): this is a"
                + " local run");
        out.println();
        out.println("A signed order.paid notification from the partner: the answer holds the code (sending it again");
        out.println("replays the first answer, with Idempotent-Replayed: true):");
        out.println();
        printCurl(out, url, body);
        out.println();
        out.println("The same with e-mail delivery: 202 at once, then within a few seconds the code is mailed to");
        out.println(DEMO_CUSTOMER + " and the partner sink gets the signed callback:");
        out.println();
        printCurl(out, url, emailBody);
        out.println();
        out.println("  The mail:      curl -sS '" + mail.inbox(DEMO_CUSTOMER) + "'");
        out.println("  The callback:  a \"run-local: partner callback ...\" line in this log");
        out.println("  The order:     scripts/invoke.sh admin '" + emailStatus + "'");
        out.println();
        out.println("Any function with an event file, like sam local invoke (uses this DynamoDB and SMTP):");
        out.println("  scripts/invoke.sh admin src/test/resources/events/admin/stock-report.json");
        out.println("The table with the aws CLI:");
        out.println("  AWS_ACCESS_KEY_ID=" + LocalAccount.ACCESS_KEY_ID + " AWS_SECRET_ACCESS_KEY="
                + LocalAccount.SECRET_ACCESS_KEY + " aws --region " + LocalAccount.REGION
                + " dynamodb scan --table-name " + LocalAccount.TABLE_NAME + " --endpoint-url " + dynamo.endpoint());
        out.flush();
    }

    private static void printPayments(PrintStream out, int port, String apiKey, TributeSandbox tribute,
            ExchangerSandbox exchanger, MerchantSandbox merchant) {
        String url = "http://127.0.0.1:" + port;
        String auth = "-H 'Authorization: Bearer " + apiKey + "'";
        String json = "-H 'Content-Type: application/json'";
        String pay = "curl -sS -X POST -H 'Accept: application/json' '" + tribute.url() + TributeSandbox.PAY_PATH;
        out.println();
        out.println("Payments: Tribute is a sandbox on " + tribute.url() + " (its shop API, with Api-Key "
                + TributeSandbox.DEMO_API_KEY + ");");
        out.println("paying there sends Tribute's signed webhooks to " + url + "/callbacks/tribute, and");
        out.println("payment-reconcile polls open payments every " + RETRY_EVERY.toSeconds() + " s. The demo API user "
                + DemoData.API_USER_EMAIL + " has the key");
        out.println("  " + apiKey);
        out.println();
        out.println("A fiat top-up of 1500.00 rub: the answer's paymentId is the sandbox order (confirmationUrl: its");
        out.println("page, for a browser); paying it credits the balance, and the top-up shows completed:");
        out.println();
        out.println("  curl -sS " + auth + " " + json + " \\");
        out.println("    -d '{\"paymentProvider\":\"tribute\",\"balanceCurrency\":\"rub\",\"quoteAmount\":\"1500\"}'"
                + " '" + url + "/api/topups/fiat/'");
        out.println("  " + pay + "<paymentId>'");
        out.println("  curl -sS " + auth + " '" + url + "/api/access/me/balances/'");
        out.println("  curl -sS " + auth + " '" + url + "/api/topups/fiat/<id>'");
        out.println();
        out.println("An order the balance cannot pay (the demo product costs 4990.00 rub) waits as pending_payment;");
        out.println("pay it at Tribute with its confirmationToken, and it completes with its code:");
        out.println();
        out.println("  curl -sS " + auth + " " + json + " \\");
        out.println("    -d '{\"items\":[{\"itemId\":\"demo-game-key\",\"quantity\":1}]}' '" + url + "/api/orders/'");
        out.println("  curl -sS -X POST " + auth + " '" + url + "/api/orders/<id>/pay'");
        out.println("  " + pay + "<confirmationToken>'");
        out.println("  curl -sS " + auth + " '" + url + "/api/orders/<id>'");
        out.println();
        out.println("Add ?amount=<minor units> to the sandbox's pay URL to pay less than asked (an underpayment).");
        out.println();
        out.println("The exchanger is a sandbox on " + exchanger.url() + " (x-api-key " + ExchangerSandbox.DEMO_API_KEY
                + "). A crypto top-up of");
        out.println("910 rub asks for 10 USDT on Tron (the demo rate is 91 rub); paying it at the sandbox sends");
        out.println("one IPN per status (waitPayment, inProgress, done; each once, never again) to " + url
                + "/callbacks/exchanger/<id>:");
        out.println();
        out.println("  curl -sS " + auth + " " + json + " \\");
        out.println("    -d '{\"chain\":\"tron\",\"asset\":\"usdt\",\"quoteAmount\":\"910\"}' '" + url
                + "/api/topups/crypto/'");
        out.println("  curl -sS -X POST '" + exchanger.url() + ExchangerSandbox.PAY_PATH + "<paymentId>'");
        out.println("  curl -sS " + auth + " '" + url + "/api/topups/crypto/<id>'");
        out.println();
        out.println("Add ?amount=<USDT> to pay less; ?skipIpn=true loses the IPNs, and payment-reconcile finds the");
        out.println("payment done at the exchanger's order/info when it polls (2 minutes after the top-up was made).");
        out.println();
        out.println("The P2P merchant gateway is a sandbox on " + merchant.url() + " (X-API-Key "
                + MerchantSandbox.DEMO_API_KEY + ", secret " + MerchantSandbox.DEMO_SECRET + ");");
        out.println("paying there sends its signed callback V3 to " + url + "/callbacks/merchant:");
        out.println();
        out.println("  curl -sS " + auth + " " + json + " \\");
        out.println("    -d '{\"paymentProvider\":\"merchant\",\"balanceCurrency\":\"rub\","
                + "\"quoteAmount\":\"1500\"}' '" + url + "/api/topups/fiat/'");
        out.println("  curl -sS -X POST -H 'Accept: application/json' '" + merchant.url() + MerchantSandbox.PAY_PATH
                + "<paymentId>'");
        out.println("  curl -sS " + auth + " '" + url + "/api/topups/fiat/<id>'");
        out.println();
        out.println("Add ?amount=<rub> to pay less, or ?status=timeout for an order whose time ran out.");
        out.println();
        out.println("Ctrl-C stops everything.");
        out.flush();
    }

    /** A ready curl that signs the body file with the demo partner's secret; each gets its own event id. */
    private void printCurl(PrintStream out, String url, Path body) {
        String eventId = new Ids(Clock.systemUTC()).nextString();
        out.println("  curl -i -sS -X POST '" + url + "/api/orders/webhooks/" + DemoData.PARTNER + "/notification' \\");
        out.println("    -H 'Content-Type: application/json' \\");
        out.println("    -H 'X-Event-Id: " + eventId + "' \\");
        out.println("    -H \"X-Signature: $('" + layout.signScript() + "' '" + DemoData.PARTNER_SECRET + "' '" + body
                + "')\" \\");
        out.println("    --data-binary @'" + body + "'");
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

    /**
     * {@code LOG_LEVEL} means what template.yaml's {@code LogLevel} means: the functions' root level
     * ({@code QUARKUS_LOG_LEVEL}), one of the same values; the wire logs application.properties pins stay pinned.
     */
    public static Map<String, String> logLevel(String level) {
        if (level == null || level.isBlank()) {
            return Map.of();
        }
        String upper = level.trim().toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(upper)) {
            throw new IllegalArgumentException("LOG_LEVEL must be one of " + LOG_LEVELS + ", as template.yaml's"
                    + " LogLevel, not " + level);
        }
        return Map.of("QUARKUS_LOG_LEVEL", upper);
    }

    /** The loopback ports of a local run: the defaults, or what the environment says. */
    record Ports(int http, int smtp, int mailApi, int callbacks, int tribute, int exchanger, int merchant,
            int secrets) {

        static Ports fromEnvironment() {
            // 0 picks a free port, for the servers that say which one they got; GreenMail's must be given.
            return new Ports(port("PORT", 8080, 0), port("SMTP_PORT", 3025, 1), port("MAIL_API_PORT", 8025, 1),
                    port("CALLBACK_PORT", 8089, 0), port("TRIBUTE_PORT", 8091, 0), port("EXCHANGER_PORT", 8092, 0),
                    port("MERCHANT_PORT", 8093, 0), port("SECRETS_PORT", 2773, 1));
        }

        private static int port(String variable, int fallback, int lowest) {
            String value = System.getenv(variable);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value.trim());
                if (port < lowest || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(variable + " must be a port number, not " + value);
            }
        }
    }
}
