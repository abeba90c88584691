package cc.marix.reseller.hooks;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * An endpoint's signing secret in the Standard Webhooks format, {@code whsec_} + base64 of 32 random bytes; the HMAC
 * key is the decoded bytes. {@code expiresAt} is set on a secret rotated out: it signs until then. Never printed:
 * {@link #toString()} hides the value, so a secret cannot reach a log line through a record or a collection.
 */
public record EndpointSecret(String value, Instant expiresAt) {

    static final String PREFIX = "whsec_";
    /** More than the 24 bytes Standard Webhooks asks for; the HMAC-SHA256 block takes up to 64. */
    static final int KEY_BYTES = 32;

    public static EndpointSecret generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new EndpointSecret(PREFIX + Base64.getEncoder().encodeToString(key), null);
    }

    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    public boolean liveAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "EndpointSecret[value=***, expiresAt=" + expiresAt + "]";
    }
}
