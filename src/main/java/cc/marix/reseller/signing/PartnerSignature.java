package cc.marix.reseller.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import cc.marix.reseller.signing.SignatureVerificationException.Reason;

/**
 * The partner signature: {@code X-Signature} is the lowercase hex HMAC-SHA256 of the raw body bytes, keyed with
 * the UTF-8 bytes of the partner's secret. We verify partners' notifications with it and sign our callbacks to them.
 */
public final class PartnerSignature {

    private static final int HEX_LENGTH = 64;

    private PartnerSignature() {
    }

    public static String sign(String secret, byte[] body) {
        return HmacSha256.hex(secret, body);
    }

    /**
     * Verifies a signature against every live secret (two during a rotation); returns normally only if one matches.
     * The comparison is constant-time over the decoded bytes, and every secret is tried, so timing does not tell
     * which one matched.
     */
    public static void verify(byte[] body, String signatureHeader, List<String> liveSecrets)
            throws SignatureVerificationException {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new SignatureVerificationException(Reason.MISSING, "X-Signature header is missing");
        }
        byte[] presented = decodeHex(signatureHeader.trim());
        if (liveSecrets == null || liveSecrets.isEmpty()) {
            throw new SignatureVerificationException(Reason.NO_SECRET, "no live secret to verify against");
        }
        boolean matched = false;
        for (String secret : liveSecrets) {
            byte[] expected = HmacSha256.mac(secret.getBytes(StandardCharsets.UTF_8), body);
            matched |= MessageDigest.isEqual(expected, presented);
        }
        if (!matched) {
            throw new SignatureVerificationException(Reason.MISMATCH, "signature does not match the body");
        }
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
