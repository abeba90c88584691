package cc.marix.reseller.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cc.marix.reseller.local.PartnerCallbackSink.Callback;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.signing.StandardWebhookSignature;

/** The partner sink of local runs: it acknowledges every callback and logs whether its signatures hold. */
class PartnerCallbackSinkTest {

    private static final String SECRET = "sink-test-secret-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private PartnerCallbackSink sink;

    @BeforeEach
    void start() {
        sink = PartnerCallbackSink.start(0, SECRET, new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void signedCallback_shouldBeAcknowledgedAndLoggedAsVerified() throws Exception {
        byte[] body = "{\"status\":\"fulfilled\",\"externalOrderId\":\"X-1\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = post(sink.callbackUrl("X-1"), body,
                PartnerSignature.sign(SECRET, body), StandardWebhookSignature.sign(SECRET, "msg_1", 1700000000L, body));

        assertEquals(200, answer.statusCode());
        Callback callback = sink.received().get(0);
        assertEquals("/callbacks/X-1", callback.path());
        assertEquals("msg_1", callback.webhookId());
        assertTrue(callback.signatureValid());
        assertTrue(callback.webhookSignatureValid());
        String log = logged.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("POST /callbacks/X-1  webhook-id msg_1  X-Signature verified"), log);
        assertTrue(log.contains("body {\"status\":\"fulfilled\",\"externalOrderId\":\"X-1\"}"), log);
    }

    @Test
    void wronglySignedCallback_shouldStillBeAcknowledged_butLoggedAsInvalid() throws Exception {
        byte[] body = "{\"status\":\"fulfilled\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = post(sink.callbackUrl("X-2"), body,
                PartnerSignature.sign("another-secret-0123456789abcdef", body), "v1,bm90IGl0");

        assertEquals(200, answer.statusCode());
        Callback callback = sink.received().get(0);
        assertFalse(callback.signatureValid());
        assertFalse(callback.webhookSignatureValid());
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("X-Signature INVALID"));
    }

    @Test
    void otherPathsAndMethods_shouldBeRefused() throws Exception {
        URI other = URI.create("http://127.0.0.1:" + sink.port() + "/elsewhere");
        assertEquals(404, post(other, new byte[0], "x", "x").statusCode());
        HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(sink.callbackUrl("X-3")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, delete.statusCode());
        assertEquals("GET, POST", delete.headers().firstValue("Allow").orElse(""));
        assertTrue(sink.received().isEmpty());
    }

    @Test
    void get_shouldCountTheCallbacksOfThatPathAndTheVerifiedOnes_withoutTheirBodies() throws Exception {
        byte[] body = "{\"status\":\"fulfilled\",\"externalOrderId\":\"X-4\"}".getBytes(StandardCharsets.UTF_8);
        post(sink.callbackUrl("X-4"), body, PartnerSignature.sign(SECRET, body),
                StandardWebhookSignature.sign(SECRET, "msg_1", 1700000000L, body));
        post(sink.callbackUrl("X-4"), body, PartnerSignature.sign(SECRET, body), "v1,bm90IGl0");
        post(sink.callbackUrl("X-5"), body, PartnerSignature.sign(SECRET, body),
                StandardWebhookSignature.sign(SECRET, "msg_1", 1700000000L, body));

        HttpResponse<String> counted = HTTP.send(HttpRequest.newBuilder(sink.callbackUrl("X-4")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(sink.callbackUrl("X-6")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, counted.statusCode());
        assertEquals("{\"path\":\"/callbacks/X-4\",\"received\":2,\"verified\":1}", counted.body());
        assertEquals("{\"path\":\"/callbacks/X-6\",\"received\":0,\"verified\":0}", none.body());
    }

    private static HttpResponse<String> post(URI url, byte[] body, String signature, String webhookSignature)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .header("X-Signature", signature)
                .header("webhook-id", "msg_1")
                .header("webhook-timestamp", "1700000000")
                .header("webhook-signature", webhookSignature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
