package cc.marix.reseller.signing;

import java.util.List;

/**
 * Tribute's webhook signature ({@code trbt-signature}): lowercase hex HMAC-SHA256 of the raw body, keyed with our
 * Tribute API key. The same construction as a partner's signature, with the API key as the one secret.
 */
public final class TributeSignature {

    public static final String HEADER = "trbt-signature";

    private TributeSignature() {
    }

    public static void verify(byte[] body, String signatureHeader, String apiKey)
            throws SignatureVerificationException {
        PartnerSignature.verify(body, signatureHeader, apiKey == null ? List.of() : List.of(apiKey));
    }
}
