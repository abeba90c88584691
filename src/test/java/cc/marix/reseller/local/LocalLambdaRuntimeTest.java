package cc.marix.reseller.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The loopback runtime API and its HTTP front, against a fake function that polls them over HTTP. */
class LocalLambdaRuntimeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void invoke_shouldGiveEachCallerItsOwnAnswer_whenManyInvokeAtOnce() throws Exception {
        LocalLambdaRuntime runtime = runtime(Duration.ofSeconds(20));
        fakeFunction(runtime, event -> Reply.ok(MAPPER.createObjectNode().put("echo", event.path("n").asInt())));
        fakeFunction(runtime, event -> Reply.ok(MAPPER.createObjectNode().put("echo", event.path("n").asInt())));
        ExecutorService callers = Executors.newFixedThreadPool(40);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int n = 0; n < 200; n++) {
                String event = "{\"n\":" + n + "}";
                answers.add(callers.submit(() -> runtime.invoke(event)));
            }
            for (int n = 0; n < answers.size(); n++) {
                assertEquals(n, MAPPER.readTree(answers.get(n).get()).path("echo").asInt());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void invoke_shouldThrowTheFunctionsError_whenItPostsToInvocationError() {
        LocalLambdaRuntime runtime = runtime(Duration.ofSeconds(10));
        fakeFunction(runtime, event -> Reply.error("{\"errorMessage\":\"boom\","
                + "\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[\"a.B.c(B.java:1)\"]}"));

        LambdaInvocationException error = assertThrows(LambdaInvocationException.class, () -> runtime.invoke("{}"));

        assertEquals("java.lang.IllegalStateException", error.errorType());
        assertEquals("boom", error.errorMessage());
        assertTrue(error.errorJson().contains("stackTrace"), error.errorJson());
        assertFalse(error.isTimeout());
    }

    @Test
    void invoke_shouldTimeOut_whenTheFunctionDoesNotAnswerByTheDeadline() {
        LocalLambdaRuntime runtime = runtime(Duration.ofMillis(300));
        fakeFunction(runtime, event -> Reply.NONE);

        LambdaInvocationException error = assertThrows(LambdaInvocationException.class, () -> runtime.invoke("{}"));

        assertTrue(error.isTimeout(), error.getMessage());
        assertEquals(LambdaInvocationException.TIMEOUT, error.errorType());
    }

    @Test
    void processExited_shouldFailTheRunningInvocationAsExitError_andLeaveTheQueuedOnesToTheNextProcess()
            throws Exception {
        LocalLambdaRuntime runtime = runtime(Duration.ofSeconds(20));
        CountDownLatch taken = new CountDownLatch(1);
        FakeFunction dying = new FakeFunction(runtime, event -> {
            taken.countDown();
            return Reply.NONE;
        });
        started.add(dying);
        dying.start();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<String> inFlight = callers.submit(() -> runtime.invoke("{\"n\":1}"));
            assertTrue(taken.await(10, TimeUnit.SECONDS), "the process took the first invocation");
            // the dying process polls again at once; that poll stays parked until the exit is noticed
            Thread.sleep(300);

            runtime.processExited(137);
            Future<String> queued = callers.submit(() -> runtime.invoke("{\"n\":2}"));

            ExecutionException died = assertThrows(ExecutionException.class,
                    () -> inFlight.get(10, TimeUnit.SECONDS));
            LambdaInvocationException error = (LambdaInvocationException) died.getCause();
            assertEquals(LocalLambdaRuntime.EXIT_ERROR, error.errorType());
            assertTrue(error.errorMessage().endsWith("Runtime exited with error: exit status 137"),
                    error.errorMessage());
            dying.join(5000);
            assertFalse(dying.isAlive(), "the dead process's parked poll was ended without an invocation");
            assertFalse(runtime.awaitFirstPoll(Duration.ofMillis(100)), "ready again only once a new process polls");

            fakeFunction(runtime, event -> Reply.ok(MAPPER.createObjectNode().put("echo", event.path("n").asInt())));
            assertEquals(2, MAPPER.readTree(queued.get(10, TimeUnit.SECONDS)).path("echo").asInt());
            assertTrue(runtime.awaitFirstPoll(Duration.ofSeconds(1)));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void next_shouldCarryTheEventAndTheRuntimeHeaders() throws Exception {
        LocalLambdaRuntime runtime = runtime(Duration.ofSeconds(10));
        Thread caller = new Thread(() -> runtime.invoke("{\"hello\":\"world\"}"));
        caller.setDaemon(true);
        caller.start();

        HttpResponse<String> next = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://" + runtime.address() + "/2018-06-01/runtime/invocation/next")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, next.statusCode());
        assertEquals("{\"hello\":\"world\"}", next.body());
        String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        long deadline = Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertTrue(deadline > System.currentTimeMillis(), "deadline in the future");
        assertTrue(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow()
                .startsWith("arn:aws:lambda:"));
        assertTrue(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow().startsWith("Root=1-"));
        assertEquals(202, post(runtime, "invocation/" + requestId + "/response", "{}").statusCode());
        assertEquals(400, post(runtime, "invocation/" + requestId + "/response", "{}").statusCode(),
                "a request id answers once");
    }

    @Test
    void front_shouldSendAPayload2Event_withAwsHeaderCookieAndQueryRules() throws Exception {
        LocalLambdaRuntime runtime = runtime(Duration.ofSeconds(10));
        fakeFunction(runtime, LocalLambdaRuntimeTest::echoEventAsBody);
        FunctionUrlFront front = runtime.startHttpFront(0);

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(front.url() + "/api/things/%C3%A9?x=1&x=2&y=a%20b"))
                .header("Content-Type", "application/json")
                .header("X-Multi", "one").header("X-Multi", "two")
                .header("Cookie", "c1=1; c2=2")
                .POST(HttpRequest.BodyPublishers.ofString("{\"price\":\"4990.00\",\"name\":\"é\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        JsonNode event = MAPPER.readTree(response.body());
        assertEquals("2.0", event.path("version").asText());
        assertEquals("$default", event.path("routeKey").asText());
        assertEquals("/api/things/%C3%A9", event.path("rawPath").asText());
        assertEquals("x=1&x=2&y=a%20b", event.path("rawQueryString").asText());
        assertEquals("1,2", event.path("queryStringParameters").path("x").asText());
        assertEquals("a b", event.path("queryStringParameters").path("y").asText());
        assertEquals("one,two", event.path("headers").path("x-multi").asText());
        assertEquals("application/json", event.path("headers").path("content-type").asText());
        assertTrue(event.path("headers").path("cookie").isMissingNode(), "cookies leave the headers");
        assertEquals("[\"c1=1\",\"c2=2\"]", event.path("cookies").toString());
        assertEquals("{\"price\":\"4990.00\",\"name\":\"é\"}", event.path("body").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean());
        JsonNode context = event.path("requestContext");
        assertEquals("POST", context.path("http").path("method").asText());
        assertEquals("/api/things/%C3%A9", context.path("http").path("path").asText());
        assertEquals("127.0.0.1", context.path("http").path("sourceIp").asText());
        assertEquals("$default", context.path("stage").asText());
        assertTrue(context.path("timeEpoch").asLong() > 0);
        assertFalse(context.path("requestId").asText().isEmpty());
    }

    @Test
    void front_shouldBase64TheBody_whenItIsNotUtf8OrNotTextual() throws Exception {
        LocalLambdaRuntime runtime = runtime(Duration.ofSeconds(10));
        fakeFunction(runtime, LocalLambdaRuntimeTest::echoEventAsBody);
        FunctionUrlFront front = runtime.startHttpFront(0);
        byte[] brokenUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        JsonNode broken = MAPPER.readTree(send(front, "application/json", brokenUtf8).body());
        JsonNode binary = MAPPER.readTree(send(front, "application/octet-stream", "plain".getBytes()).body());

        assertTrue(broken.path("isBase64Encoded").asBoolean());
        assertArrayEquals(brokenUtf8, Base64.getDecoder().decode(broken.path("body").asText()));
        assertTrue(binary.path("isBase64Encoded").asBoolean());
        assertEquals("plain", new String(Base64.getDecoder().decode(binary.path("body").asText())));
    }

    @Test
    void front_shouldAnswerWithTheFunctionsStatusHeadersCookiesAndDecodedBody() throws Exception {
        LocalLambdaRuntime runtime = runtime(Duration.ofSeconds(10));
        byte[] bytes = {0, 1, 2, (byte) 0xFF};
        fakeFunction(runtime, event -> {
            ObjectNode answer = MAPPER.createObjectNode().put("statusCode", 201);
            answer.putObject("headers").put("Content-Type", "application/octet-stream").put("X-Answer", "yes")
                    .put("Content-Length", "999");
            answer.putArray("cookies").add("session=abc; HttpOnly").add("theme=dark");
            answer.put("body", Base64.getEncoder().encodeToString(bytes)).put("isBase64Encoded", true);
            return Reply.ok(answer);
        });
        FunctionUrlFront front = runtime.startHttpFront(0);

        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(front.url() + "/file")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(201, response.statusCode());
        assertEquals("yes", response.headers().firstValue("X-Answer").orElseThrow());
        assertEquals(List.of("session=abc; HttpOnly", "theme=dark"), response.headers().allValues("Set-Cookie"));
        assertArrayEquals(bytes, response.body());
    }

    @Test
    void front_shouldAnswer502Json_whenTheInvocationFails() throws Exception {
        LocalLambdaRuntime runtime = runtime(Duration.ofSeconds(10));
        fakeFunction(runtime, event -> Reply.error("{\"errorMessage\":\"boom\",\"errorType\":\"Crash\"}"));
        FunctionUrlFront front = runtime.startHttpFront(0);

        HttpResponse<String> response = send(front, "application/json", "{}".getBytes());

        assertEquals(502, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Crash", MAPPER.readTree(response.body()).path("errorType").asText());
    }

    @Test
    @Timeout(60)
    void front_shouldAnswer413_whenTheBodyIsOverTheEventLimit_evenToAClientStillSending() throws Exception {
        LocalLambdaRuntime runtime = runtime(Duration.ofSeconds(10));
        FunctionUrlFront front = runtime.startHttpFront(0);
        byte[] chunk = new byte[64 * 1024];
        int chunks = 512;

        // 32 MiB with at most a small send buffer in flight: when the front answers, most of the body is still to
        // be written, far more than the kernel buffers hold. A front that closed with it unread would reset the
        // connection, and this client's next write would fail before it ever read the answer.
        try (Socket socket = new Socket()) {
            socket.setSendBufferSize(chunk.length);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(LocalLambdaRuntime.LOOPBACK, front.port()));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (long) chunk.length * chunks + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < chunks; i++) {
                out.write(chunk);
            }
            out.flush();
            String statusLine = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();

            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine);
        }
    }

    private LocalLambdaRuntime runtime(Duration timeout) {
        LocalLambdaRuntime runtime = LocalLambdaRuntime.start("test", timeout);
        started.add(runtime);
        return runtime;
    }

    private void fakeFunction(LocalLambdaRuntime runtime, Function<JsonNode, Reply> behaviour) {
        FakeFunction function = new FakeFunction(runtime, behaviour);
        started.add(function);
        function.start();
    }

    private static Reply echoEventAsBody(JsonNode event) {
        ObjectNode answer = MAPPER.createObjectNode().put("statusCode", 200);
        answer.putObject("headers").put("content-type", "application/json");
        return Reply.ok(answer.put("body", event.toString()));
    }

    private static HttpResponse<String> send(FunctionUrlFront front, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(front.url() + "/upload"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(LocalLambdaRuntime runtime, String route, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(
                URI.create("http://" + runtime.address() + "/2018-06-01/runtime/" + route))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the fake function does with an event: answer, fail, or keep it and say nothing. */
    private record Reply(String route, String body) {

        static final Reply NONE = new Reply(null, null);

        static Reply ok(JsonNode answer) {
            return new Reply("response", answer.toString());
        }

        static Reply error(String errorJson) {
            return new Reply("error", errorJson);
        }
    }

    /** A function process in miniature: polls invocation/next and posts what the behaviour says. */
    private static final class FakeFunction extends Thread implements AutoCloseable {

        private final LocalLambdaRuntime runtime;
        private final Function<JsonNode, Reply> behaviour;

        FakeFunction(LocalLambdaRuntime runtime, Function<JsonNode, Reply> behaviour) {
            this.runtime = runtime;
            this.behaviour = behaviour;
            setDaemon(true);
        }

        @Override
        public void run() {
            URI next = URI.create("http://" + runtime.address() + "/2018-06-01/runtime/invocation/next");
            try {
                while (!isInterrupted()) {
                    HttpResponse<byte[]> invocation = HTTP.send(HttpRequest.newBuilder(next).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (invocation.statusCode() != 200) {
                        return;
                    }
                    String requestId = invocation.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
                    Reply reply = behaviour.apply(MAPPER.readTree(
                            new String(invocation.body(), StandardCharsets.UTF_8)));
                    if (reply.route() != null) {
                        post(runtime, "invocation/" + requestId + "/" + reply.route(), reply.body());
                    }
                }
            } catch (IOException | InterruptedException stopped) {
                // The runtime closed under the poller, as at the end of every test.
            }
        }

        @Override
        public void close() {
            interrupt();
        }
    }
}
