package cc.marix.reseller.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * scripts/smoke.sh against run-local's stack (LocalStack started the way scripts/run-local.sh starts it, on free
 * loopback ports, with the demo.env it writes): the README's flows pass without faults and under every DynamoDB fault
 * (issue 12's "slower, never wrong"), and the script fails, saying why, when its values are wrong, and skips the
 * sandbox parts, saying so, when ENV_FILE names no sandbox (a deployed stack).
 * <p>
 * Not a {@code *Test}: it needs the packaged function (target/function.zip), so the pom runs it in the verify phase,
 * after package (execution {@code run-local-smoke}); alone: {@code mvn package -DskipTests} first, then
 * {@code mvn -q surefire:test -Dtest=RunLocalSmokeCheck}.
 */
class RunLocalSmokeCheck {

    static final String FAULTS = "throttle=0.05,error=0.05,conflict=0.05,after-commit=0.05,latency=0.05:200ms,seed=42";
    /** How each line smoke.sh prints for a check with --flows begins (after "ok    "), in order. */
    private static final List<String> FLOW_CHECKS = List.of(
            "partner webhook: a signed order.paid is fulfilled",
            "partner webhook: its replay answers the first answer byte for byte",
            "partner webhook: a wrong signature is refused",
            "catalog: product demo-game-key in x-language en: \"Demo game key\"",
            "catalog: product demo-game-key in x-language ru: \"Демо-ключ игры\"",
            "catalog: the category list answers",
            "sandbox order (isMock): completed at once with a fake MOCK- code",
            "order paid through the Tribute sandbox: pending_payment, paid at the sandbox, completed with its code",
            "partner webhook duplicates: the same externalOrderId under a fresh X-Event-Id answers the first order",
            "partner webhook duplicates: the same X-Event-Id with another body is refused",
            "e-mail order: accepted (202",
            "e-mail order: called back exactly once, X-Signature and webhook-signature verified",
            "e-mail order: mailed exactly once",
            "top-up through the Tribute sandbox: paid at the sandbox, completed, credited exactly 1500.00 rub once",
            "top-up through the exchanger sandbox: paid at the sandbox, completed, credited exactly 910.00 rub once",
            "top-up through the merchant gateway sandbox: paid at the sandbox, completed, credited exactly 1500.00 rub",
            "order paid from the balance, sent twice: top-up of what the balance lacks: paid at the sandbox, completed,"
                    + " credited exactly 1080.00 rub once",
            "order paid from the balance, sent twice: two at once and a third after: one order");
    private static final Pattern FAULT_LINE = Pattern.compile("fault injected: (\\S+) (\\S+)");

    private static RunLocalProcess plain;
    private static RunLocalProcess faulty;

    @TempDir
    Path dir;

    /** Both stacks side by side: most of a start is waiting for JVMs and DynamoDB Local, not computing. */
    @BeforeAll
    static void startWithoutAndWithFaults() throws Exception {
        ExecutorService starter = Executors.newSingleThreadExecutor();
        Future<RunLocalProcess> withFaults = starter.submit(() -> RunLocalProcess.start(Map.of("FAULTS", FAULTS)));
        starter.shutdown();
        try {
            plain = RunLocalProcess.start(Map.of());
        } finally {
            faulty = withFaults.get(); // stopped by stop() as plain is, whatever became of plain
        }
    }

    @AfterAll
    static void stop() {
        for (RunLocalProcess stack : new RunLocalProcess[] {plain, faulty}) {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    void smokeWithFlows_shouldPassEveryCheck_withoutFaults() throws Exception {
        SmokeRun run = plain.smoke("--flows", plain.demoEnv());

        assertEveryFlowPassed(run);
    }

    @Test
    void smokeWithFlows_shouldPassEveryCheck_underEveryDynamoDbFault() throws Exception {
        SmokeRun run = faulty.smoke("--flows", faulty.demoEnv());

        assertEveryFlowPassed(run);
        Map<String, Long> injected = faultCounts(faulty.log());
        System.out.println("RunLocalSmokeCheck: FAULTS=" + FAULTS + " injected " + injected);
        // Without injected faults this would prove nothing about them.
        assertTrue(injected.keySet().containsAll(List.of("throttle", "error", "after-commit")),
                "faults injected: " + injected);
    }

    /** The API's OpenAPI document through the front, and the page that renders it with files of run-local's own. */
    @Test
    void apiDocs_shouldRenderTheServedDocument_fromLocalFilesOnly() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = plain.baseUrl();

        HttpResponse<String> document = get(http, base + "/api/openapi.json");
        assertEquals(200, document.statusCode(), document.body());
        assertTrue(document.body().contains("\"openapi\": \"3.1.0\""), "not the OpenAPI document");

        HttpResponse<String> page = get(http, base + "/api/docs");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("url: \"/api/openapi.json\""), page.body());
        Matcher loaded = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        int files = 0;
        while (loaded.find()) {
            assertTrue(loaded.group(1).startsWith("/api/docs/"), "loads " + loaded.group(1) + " from elsewhere");
            HttpResponse<String> file = get(http, base + loaded.group(1));
            assertEquals(200, file.statusCode(), loaded.group(1));
            assertFalse(file.body().isEmpty(), loaded.group(1));
            files++;
        }
        assertEquals(3, files, "the stylesheet, the icon and Swagger UI's bundle");
        assertEquals(404, get(http, base + "/api/docs/../../etc/passwd").statusCode());
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void smoke_shouldFailNamingWhy_whenTheSecretAndTheKeyAreWrong() throws Exception {
        Path env = dir.resolve("wrong.env");
        Files.writeString(env, Files.readString(plain.demoEnv(), StandardCharsets.UTF_8)
                .replaceAll("(?m)^PARTNER_SECRET=.*$", "PARTNER_SECRET=not-the-demo-secret-0123456789")
                .replaceAll("(?m)^API_KEY=.*$", "API_KEY=mk_not_a_key"), StandardCharsets.UTF_8);

        SmokeRun run = plain.smoke(env);

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL  partner webhook: a signed order.paid was not fulfilled with a code"
                + " (HTTP 401 signature_mismatch)"), run.output());
        assertTrue(run.output().contains("FAIL  catalog: product demo-game-key in x-language en was not answered as "
                + DemoData.PRODUCT_ID + " (HTTP 401 invalid_api_key)"), run.output());
        assertTrue(run.output().lines()
                .anyMatch(line -> line.matches("smoke: FAIL, \\d+ of \\d+ checks failed \\(.*\\)")), run.output());
    }

    @Test
    void smoke_shouldSkipTheSandboxParts_whenTheEnvFileNamesNoSandbox() throws Exception {
        Path env = dir.resolve("deployed.env");
        Files.writeString(env, Files.readString(plain.demoEnv(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.matches("(TRIBUTE|EXCHANGER|MERCHANT)_SANDBOX_URL=.*|MAIL_API_URL=.*"
                        + "|CALLBACK_SINK_URL=.*"))
                .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);

        SmokeRun basic = plain.smoke(env);
        SmokeRun flows = plain.smoke("--flows", env);

        assertEquals(0, basic.exit(), basic.output());
        assertTrue(basic.output().contains("skip  order paid through the Tribute sandbox: ENV_FILE names no"
                + " TRIBUTE_SANDBOX_URL"), basic.output());
        assertTrue(basic.output().contains("ok    sandbox order (isMock)"), basic.output());
        assertEquals(1, flows.exit(), flows.output());
        assertTrue(flows.output().contains("FAIL  top-ups: ENV_FILE does not give TRIBUTE_SANDBOX_URL"
                + " EXCHANGER_SANDBOX_URL MERCHANT_SANDBOX_URL"), flows.output());
    }

    @Test
    void smoke_shouldSendEvery503Again_untilTheAnswerComes() throws Exception {
        String direct = plain.baseUrl();
        try (Unavailable503First proxy = Unavailable503First.in(URI.create(direct))) {
            Path env = dir.resolve("behind-503.env");
            Files.writeString(env, Files.readString(plain.demoEnv(), StandardCharsets.UTF_8)
                    .replace("PARTNER_WEBHOOK_URL=" + direct, "PARTNER_WEBHOOK_URL=" + proxy.url()),
                    StandardCharsets.UTF_8);

            SmokeRun run = plain.run(List.of("bash", "scripts/smoke.sh", proxy.url(), env.toString()));

            assertEquals(0, run.exit(), run.output());
            assertTrue(proxy.refused() >= 8, "503s answered: " + proxy.refused());
            assertTrue(run.output().contains("checks passed (requests sent again after a 503 or 429: "
                    + proxy.refused() + ")"), run.output());
        }
    }

    private static void assertEveryFlowPassed(SmokeRun run) {
        assertEquals(0, run.exit(), run.output());
        List<String> checks = run.output().lines().filter(line -> !line.startsWith("smoke: ")).toList();
        assertEquals(FLOW_CHECKS.size(), checks.size(), run.output());
        for (int i = 0; i < FLOW_CHECKS.size(); i++) {
            assertTrue(checks.get(i).startsWith("ok    " + FLOW_CHECKS.get(i)), run.output());
        }
        assertFalse(run.output().contains("FAIL"), run.output());
        String summary = run.output().lines().reduce((first, last) -> last).orElseThrow();
        assertTrue(summary.matches("smoke: ok, " + FLOW_CHECKS.size() + " checks passed \\(requests sent again after a"
                + " 503 or 429: \\d+\\)"), run.output());
    }

    private static Map<String, Long> faultCounts(String log) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher fault = FAULT_LINE.matcher(log);
        while (fault.find()) {
            counts.merge(fault.group(1), 1L, Long::sum);
        }
        return counts;
    }

    record SmokeRun(int exit, String output) {
    }

    /**
     * A front that answers every request 503 (Retry-After: 0, the error shape of a throttled DynamoDB) the first time
     * it sees it (method, URL, headers, body), and passes it to {@code target} from then on: a client that does not
     * send a 503 again fails every check behind it.
     */
    static final class Unavailable503First implements AutoCloseable {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // Set by the HTTP client or the server themselves, never copied across.
        private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "expect", "upgrade",
                "connection", "date");

        private final URI target;
        private final HttpServer server;
        private final ExecutorService threads = DaemonThreads.pool("smoke-503-front");
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final AtomicInteger refused = new AtomicInteger();

        private Unavailable503First(URI target) throws IOException {
            this.target = target;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LocalLambdaRuntime.LOOPBACK),
                    0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(threads);
            server.start();
        }

        static Unavailable503First in(URI target) throws IOException {
            return new Unavailable503First(target);
        }

        String url() {
            return "http://" + LocalLambdaRuntime.LOOPBACK + ":" + server.getAddress().getPort();
        }

        int refused() {
            return refused.get();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String request = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + new TreeMap<>(exchange.getRequestHeaders()) + " " + Arrays.hashCode(body);
                if (seen.add(request)) {
                    refused.incrementAndGet();
                    exchange.getResponseHeaders().set("Retry-After", "0");
                    Exchanges.sendJson(exchange, 503, "{\"error\":\"throttled\",\"message\":\"try again\"}");
                    return;
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !Exchanges.isHopByHop(name)) {
                        values.forEach(value -> forward.header(name, value));
                    }
                });
                HttpResponse<byte[]> answer = HTTP.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().map().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !Exchanges.isHopByHop(name)
                            && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                Exchanges.send(exchange, answer.statusCode(), answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /** scripts/run-local.sh's LocalStack in a process of its own, its files in a scratch copy of the layout. */
    static final class RunLocalProcess implements AutoCloseable {

        private static final long START_SECONDS = 150;
        private static final long SMOKE_SECONDS = 600; // a run takes under a minute; each wait in it may take 150 s

        private final Path project = Path.of("").toAbsolutePath();
        private final Path scratch;
        private final Process process;

        private RunLocalProcess(Path scratch, Process process) {
            this.scratch = scratch;
            this.process = process;
        }

        /**
         * Starts LocalStack as run-local does, every port free-chosen, with {@code extraEnvironment} (FAULTS); returns
         * once its demo.env is written, the stack answering. Its working directory is a scratch project whose
         * target/ links to this build's packaged function and the runtime jars, so its files (dynamodb.endpoint,
         * function.env, demo.env) never replace those of a developer's run-local.
         */
        static RunLocalProcess start(Map<String, String> extraEnvironment) throws Exception {
            Path project = Path.of("").toAbsolutePath();
            Path scratch = Files.createTempDirectory("run-local-smoke-");
            Files.createDirectories(scratch.resolve("target/local"));
            Files.createSymbolicLink(scratch.resolve("target/function.zip"), project.resolve("target/function.zip"));
            Files.createSymbolicLink(scratch.resolve("target/local/ric"), project.resolve("target/local/ric"));
            Files.createSymbolicLink(scratch.resolve("target/local/greenmail"),
                    project.resolve("target/local/greenmail"));
            Files.createSymbolicLink(scratch.resolve("scripts"), project.resolve("scripts"));

            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                    "-cp", System.getProperty("java.class.path"), LocalStack.class.getName())
                    .directory(scratch.toFile())
                    .redirectOutput(scratch.resolve("run-local.out").toFile())
                    .redirectError(scratch.resolve("run-local.log").toFile());
            Map<String, String> environment = builder.environment();
            String path = environment.get("PATH");
            environment.clear(); // nothing of the caller's (FAULTS, LOG_LEVEL, ports) but what is set here
            environment.put("PATH", path);
            environment.put("LANG", "C.UTF-8");
            // 0: a free port, for the servers that report theirs (demo.env has them); the rest are picked here.
            for (String port : List.of("PORT", "CALLBACK_PORT", "TRIBUTE_PORT", "EXCHANGER_PORT", "MERCHANT_PORT")) {
                environment.put(port, "0");
            }
            for (String port : List.of("SMTP_PORT", "MAIL_API_PORT", "SECRETS_PORT")) {
                environment.put(port, String.valueOf(freeLoopbackPort()));
            }
            environment.putAll(extraEnvironment);
            RunLocalProcess stack = new RunLocalProcess(scratch, builder.start());
            try {
                stack.awaitDemoEnv();
            } catch (Exception | AssertionError e) {
                stack.close();
                throw e;
            }
            return stack;
        }

        /** A port free on 127.0.0.1 now, for the servers that must be given one (GreenMail's, the secrets'). */
        private static int freeLoopbackPort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LocalLambdaRuntime.LOOPBACK))) {
                return socket.getLocalPort();
            }
        }

        Path demoEnv() {
            return scratch.resolve("target/local/demo.env");
        }

        String log() throws IOException {
            return Files.readString(scratch.resolve("run-local.log"), StandardCharsets.UTF_8);
        }

        private void awaitDemoEnv() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            while (!Files.exists(demoEnv())) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("run-local did not start (" + (process.isAlive() ? "still starting"
                            : "exit " + process.exitValue()) + "); its log:\n" + tail(log()));
                }
                Thread.sleep(250);
            }
        }

        SmokeRun smoke(Path envFile) throws Exception {
            return run(List.of("bash", "scripts/smoke.sh", baseUrl(), envFile.toString()));
        }

        SmokeRun smoke(String flag, Path envFile) throws Exception {
            return run(List.of("bash", "scripts/smoke.sh", flag, baseUrl(), envFile.toString()));
        }

        private String baseUrl() throws IOException {
            return Files.readAllLines(demoEnv(), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("BASE_URL=")).findFirst().orElseThrow().substring(9);
        }

        private SmokeRun run(List<String> command) throws Exception {
            Path output = Files.createTempFile(scratch, "smoke-", ".out");
            Process smoke = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!smoke.waitFor(SMOKE_SECONDS, TimeUnit.SECONDS)) {
                smoke.destroyForcibly();
                throw new AssertionError("scripts/smoke.sh ran longer than " + SMOKE_SECONDS + " s:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            System.out.print(printed);
            return new SmokeRun(smoke.exitValue(), printed);
        }

        private static String tail(String log) {
            List<String> lines = log.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }

        /** Ctrl-C, as a developer stops run-local (its shutdown hook stops what it started), then the scratch copy. */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                deleteTree(scratch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                System.err.println("RunLocalSmokeCheck: could not delete " + scratch + ": " + e);
            }
        }

        private static void deleteTree(Path tree) throws IOException {
            try (var paths = Files.walk(tree)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path); // symbolic links are deleted, not followed
                }
            }
        }
    }
}
