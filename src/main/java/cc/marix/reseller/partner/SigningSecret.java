package cc.marix.reseller.partner;

import java.time.Instant;

/**
 * One of a partner's signing secrets. The current one has no expiry; a rotated-out one stays valid until
 * {@code expiresAt} (exclusive), is ignored from then on, and is dropped from the item by the next rotation.
 */
public record SigningSecret(String value, Instant expiresAt) {

    public static SigningSecret current(String value) {
        return new SigningSecret(value, null);
    }

    public boolean liveAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    /** This secret, valid no later than {@code deadline}. */
    SigningSecret expiringBy(Instant deadline) {
        return expiresAt != null && !expiresAt.isAfter(deadline) ? this : new SigningSecret(value, deadline);
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "SigningSecret[" + (expiresAt == null ? "current" : "expires " + expiresAt) + "]";
    }
}
