package cc.marix.reseller.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Standard Webhooks (standardwebhooks.com) signature of an outgoing webhook: {@code webhook-signature: v1,<base64>}
 * where the MAC is HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}. A partner's callback is keyed
 * with the UTF-8 bytes of its signing secret (the same secret as {@code X-Signature}); a reseller's webhook with the
 * decoded bytes of its endpoint's {@code whsec_} secret, as the Standard Webhooks libraries key it.
 */
public final class StandardWebhookSignature {

    private StandardWebhookSignature() {
    }

    public static String sign(String secret, String webhookId, long timestampSeconds, byte[] body) {
        return sign(secret.getBytes(StandardCharsets.UTF_8), webhookId, timestampSeconds, body);
    }

    public static String sign(byte[] key, String webhookId, long timestampSeconds, byte[] body) {
        byte[] prefix = (webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(HmacSha256.mac(key, signed));
    }
}
