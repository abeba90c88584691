package cc.marix.reseller.partner;

import java.util.Arrays;
import java.util.Optional;

/** How a partner signs its notifications: see {@link cc.marix.reseller.signing.PartnerSignature}. */
public enum SignatureScheme {
    /** HMAC of the raw body alone: the seed's scheme, the default. */
    BODY("body"),
    /** HMAC of {@code <X-Timestamp>.<raw body>}, the timestamp within five minutes of our clock. */
    TIMESTAMPED("timestamped");

    private final String wire;

    SignatureScheme(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<SignatureScheme> fromWire(String value) {
        return Arrays.stream(values()).filter(scheme -> scheme.wire.equals(value)).findFirst();
    }
}
