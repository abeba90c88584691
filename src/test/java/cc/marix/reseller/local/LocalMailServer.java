package cc.marix.reseller.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SMTP sink of local runs: GreenMail's standalone server in a process of its own, with SMTP and GreenMail's REST
 * API both on 127.0.0.1. It accepts mail for any address and keeps it in memory; a person reads it with
 * {@code GET /api/user/<address>/messages/INBOX} (every mailbox: {@code GET /api/user}).
 *
 * <p>The child's stdout is copied to our stderr, as {@link FunctionProcess} does.
 */
final class LocalMailServer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final int smtpPort;
    private final URI api;
    private final Thread stdoutCopier;

    private LocalMailServer(Process process, int smtpPort, URI api) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.api = api;
        this.stdoutCopier = ChildProcesses.copyOutput(process, "greenmail-stdout");
    }

    /**
     * Starts GreenMail with SMTP on 127.0.0.1:{@code smtpPort} and its REST API on 127.0.0.1:{@code apiPort}; it is
     * ready once {@link #awaitReady()} returns.
     */
    static LocalMailServer start(LocalLayout layout, int smtpPort, int apiPort) {
        Path jar = layout.greenMailJar();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Dgreenmail.smtp.hostname=" + LocalLambdaRuntime.LOOPBACK,
                "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.api.hostname=" + LocalLambdaRuntime.LOOPBACK,
                "-Dgreenmail.api.port=" + apiPort,
                // the SMTP secret's credentials (the stand-in's demo ones): the function logs in with them
                "-Dgreenmail.users=" + SecretsExtensionStandIn.DEMO_SMTP_USERNAME + ":"
                        + SecretsExtensionStandIn.DEMO_SMTP_PASSWORD + "@localhost",
                "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start GreenMail", e);
        }
        return new LocalMailServer(process, smtpPort,
                URI.create("http://" + LocalLambdaRuntime.LOOPBACK + ":" + apiPort + "/"));
    }

    int smtpPort() {
        return smtpPort;
    }

    /** GreenMail's REST API (its Swagger UI is at this address too). */
    URI api() {
        return api;
    }

    /** Where the mails received for {@code address} are listed, as JSON, each with its raw MIME text. */
    URI inbox(String address) {
        return api.resolve("api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8).replace("%40", "@")
                + "/messages/INBOX");
    }

    /**
     * Waits until the API answers with this server's SMTP port (so not some other program on the API port); fails
     * early if the process dies first (its log on stderr says why).
     */
    void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(api.resolve("api/configuration"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        ObjectMapper mapper = new ObjectMapper();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("GreenMail exited with code " + process.exitValue()
                        + " while starting; its log is above");
            }
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && servesSmtpOn(mapper.readTree(answer.body()))) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("GreenMail did not start within " + START_LIMIT + " (its API at "
                        + api + " did not answer with SMTP port " + smtpPort + ")");
            }
            Thread.sleep(100);
        }
    }

    private boolean servesSmtpOn(JsonNode configuration) {
        for (JsonNode setup : configuration.path("serverSetups")) {
            if ("smtp".equals(setup.path("protocol").asText()) && setup.path("port").asInt() == smtpPort) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, stdoutCopier, Duration.ofSeconds(5));
    }
}
