package cc.marix.reseller.signing;

import java.util.Locale;

/** A signature did not verify; {@link #reason()} says why, so callers and tests can tell the cases apart. */
public class SignatureVerificationException extends Exception {

    public enum Reason {
        /** No signature header was sent. */
        MISSING,
        /** The header is not a lowercase or uppercase hex HMAC-SHA256 (64 hex digits). */
        MALFORMED,
        /** The signer has no live secret to check against. */
        NO_SECRET,
        /** Well formed, but no live secret produces it. */
        MISMATCH,
        /** The signed timestamp is outside the allowed window (for some signers also: missing or malformed). */
        TIMESTAMP,
        /** A scheme that signs a timestamp got no {@code X-Timestamp} header. */
        TIMESTAMP_MISSING,
        /** The {@code X-Timestamp} header is not Unix seconds. */
        TIMESTAMP_MALFORMED
    }

    private final Reason reason;

    public SignatureVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The stable machine code of the refusal: {@code signature_missing}, {@code signature_mismatch}, ... */
    public String code() {
        return "signature_" + reason.name().toLowerCase(Locale.ROOT);
    }

    public Reason reason() {
        return reason;
    }
}
