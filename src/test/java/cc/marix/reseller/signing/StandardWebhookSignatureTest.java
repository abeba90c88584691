package cc.marix.reseller.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StandardWebhookSignatureTest {

    private static final String SECRET = "demo-secret-change-me-0123456789abcdef";
    private static final String ID = "msg_019dc625-6cc8-7d81-a15c-da225e61b1e0";
    private static final byte[] BODY = "{\"status\":\"fulfilled\",\"orderId\":\"019dc625-6cc8-7d81-a15c-da225e61b1e0\"}"
            .getBytes(StandardCharsets.UTF_8);

    /** Computed independently (Python's hmac and base64) over "id.timestamp.body" with the secret's UTF-8 bytes. */
    @Test
    void sign_shouldMatchAnIndependentComputation() {
        assertEquals("v1,pBVFaZdeVkdKAuvHrXvf+z5FQnVDyW8wnR0OqQ3A7zI=",
                StandardWebhookSignature.sign(SECRET, ID, 1778754625L, BODY));
    }

    @Test
    void sign_shouldCoverTheTimestampAndTheId() {
        String signature = StandardWebhookSignature.sign(SECRET, ID, 1778754625L, BODY);
        assertNotEquals(signature, StandardWebhookSignature.sign(SECRET, ID, 1778754626L, BODY));
        assertNotEquals(signature, StandardWebhookSignature.sign(SECRET, ID + "x", 1778754625L, BODY));
    }
}
