package cc.marix.reseller.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import cc.marix.reseller.signing.SignatureVerificationException.Reason;

/**
 * The exchanger's IPN checksum, as its documentation defines it: lowercase hex
 * {@code sha256(orderId:newStatus:inAmount:outAmount:xml_from:xml_to:timestamp:ipnSecret)}, over the field values
 * exactly as the form carried them (an amount of "2" is not "2.00"). The secret is the random one we created for the
 * top-up and sent with it, so a valid checksum proves the IPN is about that top-up.
 */
public final class ExchangerIpnSignature {

    /** The signed fields of one IPN, as received. */
    public record Fields(String orderId, String newStatus, String inAmount, String outAmount, String xmlFrom,
            String xmlTo, String timestamp) {

        String joined() {
            return String.join(":", orderId, newStatus, inAmount, outAmount, xmlFrom, xmlTo, timestamp);
        }

        /**
         * Every signed field was sent. An empty one is signed as empty, exactly as the documented formula joins it
         * (an amount before anything was received): an IPN is sent once, and refusing a genuine one loses it until
         * reconcile.
         */
        boolean complete() {
            for (String field : new String[] {orderId, newStatus, inAmount, outAmount, xmlFrom, xmlTo, timestamp}) {
                if (field == null) {
                    return false;
                }
            }
            return true;
        }
    }

    private ExchangerIpnSignature() {
    }

    public static String checksum(Fields fields, String ipnSecret) {
        return Sha256.hex((fields.joined() + ":" + ipnSecret).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns normally only if {@code presented} is the checksum of these fields under this top-up's secret. */
    public static void verify(Fields fields, String presented, String ipnSecret) throws SignatureVerificationException {
        if (presented == null || presented.isBlank()) {
            throw new SignatureVerificationException(Reason.MISSING, "the IPN carries no checksum");
        }
        byte[] given = PartnerSignature.decodeHex(presented.trim());
        if (ipnSecret == null || ipnSecret.isEmpty()) {
            throw new SignatureVerificationException(Reason.NO_SECRET, "no IPN secret to verify against");
        }
        if (!fields.complete()) {
            throw new SignatureVerificationException(Reason.MALFORMED, "the IPN lacks a signed field");
        }
        byte[] expected = PartnerSignature.decodeHex(checksum(fields, ipnSecret));
        if (!MessageDigest.isEqual(expected, given)) {
            throw new SignatureVerificationException(Reason.MISMATCH, "the IPN checksum does not match");
        }
    }
}
