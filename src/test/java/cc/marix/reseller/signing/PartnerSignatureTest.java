package cc.marix.reseller.signing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.signing.SignatureVerificationException.Reason;

class PartnerSignatureTest {

    private static final String OLD = "old-secret-0123456789abcdefghij";
    private static final String NEW = "new-secret-0123456789abcdefghij";
    private static final byte[] BODY = "{\"event\":\"order.paid\",\"qty\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void sign_shouldBeLowercaseHexOfHmacOverRawBytes() {
        String signature = PartnerSignature.sign(NEW, BODY);
        assertEquals(64, signature.length());
        assertEquals(signature.toLowerCase(Locale.ROOT), signature);
        assertEquals(HmacSha256.hex(NEW, BODY), signature);
    }

    @Test
    void verify_shouldAccept_whenSignedWithAnyLiveSecret() {
        assertDoesNotThrow(() -> PartnerSignature.verify(BODY, PartnerSignature.sign(OLD, BODY), List.of(OLD, NEW)));
        assertDoesNotThrow(() -> PartnerSignature.verify(BODY, PartnerSignature.sign(NEW, BODY), List.of(OLD, NEW)));
    }

    @Test
    void verify_shouldAcceptUppercaseHex() {
        String upper = PartnerSignature.sign(NEW, BODY).toUpperCase(Locale.ROOT);
        assertDoesNotThrow(() -> PartnerSignature.verify(BODY, upper, List.of(NEW)));
    }

    @Test
    void verify_shouldRejectMissing_whenNoHeader() {
        assertReason(Reason.MISSING, BODY, null, List.of(NEW));
        assertReason(Reason.MISSING, BODY, "  ", List.of(NEW));
    }

    @Test
    void verify_shouldRejectMalformed_whenNotHexOrWrongLength() {
        assertReason(Reason.MALFORMED, BODY, "abc", List.of(NEW));
        assertReason(Reason.MALFORMED, BODY, "z".repeat(64), List.of(NEW));
        assertReason(Reason.MALFORMED, BODY, PartnerSignature.sign(NEW, BODY) + "00", List.of(NEW));
    }

    @Test
    void verify_shouldRejectMismatch_whenBodyChangedByOneByte() {
        String signature = PartnerSignature.sign(NEW, BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] = '2';
        assertReason(Reason.MISMATCH, tampered, signature, List.of(NEW));
    }

    @Test
    void verify_shouldRejectMismatch_whenSignedWithRetiredSecret() {
        assertReason(Reason.MISMATCH, BODY, PartnerSignature.sign("retired-secret-0123456789abcdef", BODY),
                List.of(OLD, NEW));
    }

    @Test
    void verify_shouldRejectNoSecret_whenPartnerHasNone() {
        assertReason(Reason.NO_SECRET, BODY, PartnerSignature.sign(NEW, BODY), List.of());
    }

    private static void assertReason(Reason expected, byte[] body, String header, List<String> secrets) {
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> PartnerSignature.verify(body, header, secrets));
        assertEquals(expected, e.reason());
    }
}
