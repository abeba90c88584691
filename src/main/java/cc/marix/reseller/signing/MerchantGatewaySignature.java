package cc.marix.reseller.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

import cc.marix.reseller.signing.SignatureVerificationException.Reason;

/**
 * The merchant gateway's request signature, both ways: {@code X-Signature} is the lowercase hex HMAC-SHA256, keyed
 * with the merchant secret, of the {@code X-Timestamp} value (Unix seconds) followed by the raw body (the timestamp
 * alone when there is no body). We sign our requests with it and verify its callbacks, which must also be fresh:
 * a timestamp further than the window from now, either way, is refused, so a captured callback cannot be replayed
 * later.
 */
public final class MerchantGatewaySignature {

    /** How far a callback's timestamp may be from our clock. */
    public static final Duration WINDOW = Duration.ofSeconds(300);
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private MerchantGatewaySignature() {
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        return HmacSha256.hex(secret, signed(timestamp, body));
    }

    public static void verify(String secret, String timestampHeader, byte[] body, String signatureHeader,
            Instant now) throws SignatureVerificationException {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new SignatureVerificationException(Reason.MISSING, "X-Signature header is missing");
        }
        byte[] presented = PartnerSignature.decodeHex(signatureHeader.trim());
        if (timestampHeader == null || !timestampHeader.matches("[0-9]{1," + MAX_TIMESTAMP_DIGITS + "}")) {
            throw new SignatureVerificationException(Reason.TIMESTAMP, "X-Timestamp must be Unix seconds");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestampHeader));
        if (Duration.between(signedAt, now).abs().compareTo(WINDOW) > 0) {
            throw new SignatureVerificationException(Reason.TIMESTAMP, "X-Timestamp is more than "
                    + WINDOW.toSeconds() + " s from now");
        }
        if (secret == null || secret.isEmpty()) {
            throw new SignatureVerificationException(Reason.NO_SECRET, "no merchant secret to verify against");
        }
        byte[] expected = HmacSha256.mac(secret.getBytes(StandardCharsets.UTF_8), signed(timestampHeader, body));
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new SignatureVerificationException(Reason.MISMATCH, "signature does not match timestamp and body");
        }
    }

    private static byte[] signed(String timestamp, byte[] body) {
        byte[] prefix = timestamp.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + (body == null ? 0 : body.length)];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        if (body != null) {
            System.arraycopy(body, 0, message, prefix.length, body.length);
        }
        return message;
    }
}
