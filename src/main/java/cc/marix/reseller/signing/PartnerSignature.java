package cc.marix.reseller.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import cc.marix.reseller.signing.SignatureVerificationException.Reason;

/**
 * The partner signatures, keyed with the UTF-8 bytes of the partner's secret, lowercase hex HMAC-SHA256 in
 * {@code X-Signature}. Two schemes:
 * <ul>
 * <li>body (the seed's, the default): the MAC of the raw body bytes. We also sign our callbacks to partners so.</li>
 * <li>timestamped: the MAC of {@code <X-Timestamp>.<raw body>}, X-Timestamp in Unix seconds, refused when more than
 * {@link #WINDOW} from our clock either way, so a captured request stops working minutes later.</li>
 * </ul>
 */
public final class PartnerSignature {

    /** How far a timestamped request's X-Timestamp may be from our clock, either way, in whole seconds. */
    public static final Duration WINDOW = Duration.ofSeconds(300);

    private static final int HEX_LENGTH = 64;
    /** Unix seconds; a dozen digits reach far past any sane clock and keep the parse from overflowing. */
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");

    private PartnerSignature() {
    }

    public static String sign(String secret, byte[] body) {
        return HmacSha256.hex(secret, body);
    }

    /** The timestamped scheme's signature; {@code scripts/sign.sh --timestamped} prints the same. */
    public static String signTimestamped(String secret, long timestampSeconds, byte[] body) {
        return signTimestamped(secret, Long.toString(timestampSeconds), body);
    }

    /** The same over an {@code X-Timestamp} header exactly as sent, well-formed or not. */
    public static String signTimestamped(String secret, String timestampHeader, byte[] body) {
        return HmacSha256.hex(secret, timestamped(timestampHeader, body));
    }

    /**
     * Verifies a body-scheme signature against every live secret (two during a rotation); returns normally only if
     * one matches. The comparison is constant-time over the decoded bytes, and every secret is tried, so timing does
     * not tell which one matched.
     */
    public static void verify(byte[] body, String signatureHeader, List<String> liveSecrets)
            throws SignatureVerificationException {
        byte[] presented = presented(signatureHeader);
        requireMatch(presented, body, liveSecrets);
    }

    /**
     * Verifies a timestamped-scheme signature: the signature header's format, then the MAC over the timestamp header
     * exactly as sent (empty when absent), then the timestamp's format and window. Only a correctly signed request
     * learns anything about its timestamp, so a probe without one cannot tell a timestamped partner from an unknown
     * slug (both answer {@code signature_mismatch}).
     */
    public static void verifyTimestamped(byte[] body, String timestampHeader, String signatureHeader,
            List<String> liveSecrets, Clock clock) throws SignatureVerificationException {
        byte[] presented = presented(signatureHeader);
        String timestamp = timestampHeader == null ? "" : timestampHeader.trim();
        requireMatch(presented, timestamped(timestamp, body), liveSecrets);
        if (timestamp.isEmpty()) {
            throw new SignatureVerificationException(Reason.TIMESTAMP_MISSING, "X-Timestamp header is missing");
        }
        if (!UNIX_SECONDS.matcher(timestamp).matches()) {
            throw new SignatureVerificationException(Reason.TIMESTAMP_MALFORMED, "X-Timestamp must be Unix seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > WINDOW.toSeconds()) {
            throw new SignatureVerificationException(Reason.TIMESTAMP,
                    "X-Timestamp is more than " + WINDOW.toSeconds() + " s from now");
        }
    }

    private static byte[] presented(String signatureHeader) throws SignatureVerificationException {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new SignatureVerificationException(Reason.MISSING, "X-Signature header is missing");
        }
        return decodeHex(signatureHeader.trim());
    }

    private static void requireMatch(byte[] presented, byte[] signed, List<String> liveSecrets)
            throws SignatureVerificationException {
        if (liveSecrets == null || liveSecrets.isEmpty()) {
            throw new SignatureVerificationException(Reason.NO_SECRET, "no live secret to verify against");
        }
        boolean matched = false;
        for (String secret : liveSecrets) {
            byte[] expected = HmacSha256.mac(secret.getBytes(StandardCharsets.UTF_8), signed);
            matched |= MessageDigest.isEqual(expected, presented);
        }
        if (!matched) {
            throw new SignatureVerificationException(Reason.MISMATCH, "signature does not match the body");
        }
    }

    private static byte[] timestamped(String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return message;
    }

    static byte[] decodeHex(String header) throws SignatureVerificationException {
        if (header.length() != HEX_LENGTH) {
            throw new SignatureVerificationException(Reason.MALFORMED, "signature must be 64 hex digits");
        }
        try {
            return HexFormat.of().parseHex(header);
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(Reason.MALFORMED, "signature must be 64 hex digits");
        }
    }
}
