package cc.marix.reseller.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import cc.marix.reseller.secrets.SecretsExtensionClient;

/**
 * A stand-in for the AWS Parameters and Secrets Lambda Extension, for local runs and tests: {@code GET
 * /secretsmanager/get?secretId=<name>} on 127.0.0.1 (what localhost resolves to), refused with 401 unless
 * {@code X-Aws-Parameters-Secrets-Token} is the session token it was given, answered as GetSecretValue is (the
 * secret's JSON object in {@code SecretString}), or 400 with Secrets Manager's ResourceNotFoundException. Its secrets
 * are the demo ones the sandboxes and tests use, and tests may rotate them.
 */
public final class SecretsExtensionStandIn implements AutoCloseable {

    public static final String TRIBUTE = "reseller/tribute";
    public static final String EXCHANGER = "reseller/exchanger";
    public static final String MERCHANT = "reseller/merchant";
    public static final String SMTP = "reseller/ses-smtp";
    public static final String DEMO_SMTP_USERNAME = "demo-smtp-user";
    public static final String DEMO_SMTP_PASSWORD = "demo-smtp-password";

    private final ObjectMapper json = new ObjectMapper();
    private final String sessionToken;
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService threads;

    private SecretsExtensionStandIn(int port, String sessionToken) throws IOException {
        this.sessionToken = sessionToken;
        this.threads = DaemonThreads.pool("secrets-extension");
        this.server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(LocalLambdaRuntime.LOOPBACK), port), 0);
        server.createContext(SecretsExtensionClient.PATH, this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free port) with the demo secrets, for {@code sessionToken} only. */
    public static SecretsExtensionStandIn start(int port, String sessionToken) {
        try {
            SecretsExtensionStandIn standIn = new SecretsExtensionStandIn(port, sessionToken);
            standIn.demoSecrets().forEach(standIn::put);
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("the secrets extension stand-in could not listen on 127.0.0.1:" + port, e);
        }
    }

    /** The demo credentials the provider sandboxes and the tests' WireMock stubs expect. */
    private Map<String, Map<String, String>> demoSecrets() {
        Map<String, Map<String, String>> demo = new LinkedHashMap<>();
        demo.put(TRIBUTE, Map.of("apiKey", TributeSandbox.DEMO_API_KEY));
        demo.put(EXCHANGER, Map.of("apiKey", ExchangerSandbox.DEMO_API_KEY));
        demo.put(MERCHANT, Map.of("apiKey", MerchantSandbox.DEMO_API_KEY, "secret", MerchantSandbox.DEMO_SECRET));
        demo.put(SMTP, Map.of("username", DEMO_SMTP_USERNAME, "password", DEMO_SMTP_PASSWORD));
        return demo;
    }

    /** Sets (or rotates) a secret's JSON object. */
    public void put(String name, Map<String, String> fields) {
        secrets.put(name, Map.copyOf(fields));
    }

    public void remove(String name) {
        secrets.remove(name);
    }

    /** How many reads were answered with a secret. */
    public int reads() {
        return reads.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * What the function process is given instead of secret values: the extension's port and a session token, and
     * the name of each secret.
     */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(port()));
        env.put("AWS_SESSION_TOKEN", sessionToken);
        env.put("TRIBUTE_SECRET_NAME", TRIBUTE);
        env.put("EXCHANGER_SECRET_NAME", EXCHANGER);
        env.put("MERCHANT_SECRET_NAME", MERCHANT);
        env.put("SMTP_SECRET_NAME", SMTP);
        return env;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                Exchanges.sendJson(exchange, 405, "{\"message\":\"GET only\"}");
                return;
            }
            String token = exchange.getRequestHeaders().getFirst(SecretsExtensionClient.TOKEN_HEADER);
            if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    sessionToken.getBytes(StandardCharsets.UTF_8))) {
                Exchanges.sendJson(exchange, 401, "{\"message\":\"missing or wrong "
                        + SecretsExtensionClient.TOKEN_HEADER + "\"}");
                return;
            }
            String name = secretId(exchange.getRequestURI().getRawQuery());
            Map<String, String> fields = name == null ? null : secrets.get(name);
            if (fields == null) {
                Exchanges.sendJson(exchange, 400, "{\"__type\":\"ResourceNotFoundException\","
                        + "\"message\":\"Secrets Manager can't find the specified secret.\"}");
                return;
            }
            reads.incrementAndGet();
            Exchanges.sendJson(exchange, 200, answer(name, fields));
        }
    }

    private String answer(String name, Map<String, String> fields) throws JsonProcessingException {
        ObjectNode answer = json.createObjectNode();
        answer.put("ARN", "arn:aws:secretsmanager:" + LocalAccount.REGION + ":000000000000:secret:" + name + "-local");
        answer.put("Name", name);
        answer.put("SecretString", json.writeValueAsString(fields));
        answer.put("VersionId", "local");
        answer.putArray("VersionStages").add("AWSCURRENT");
        return json.writeValueAsString(answer);
    }

    private static String secretId(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("secretId=")) {
                return URLDecoder.decode(pair.substring("secretId=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
