package cc.marix.reseller.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Standard Webhooks (standardwebhooks.com) signature of an outgoing webhook: {@code webhook-signature: v1,<base64>}
 * where the MAC is HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}. The key is the UTF-8 bytes of the
 * partner's signing secret, the same secret as {@code X-Signature}.
 */
public final class StandardWebhookSignature {

    private StandardWebhookSignature() {
    }

    public static String sign(String secret, String webhookId, long timestampSeconds, byte[] body) {
        byte[] prefix = (webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(
                HmacSha256.mac(secret.getBytes(StandardCharsets.UTF_8), signed));
    }
}
