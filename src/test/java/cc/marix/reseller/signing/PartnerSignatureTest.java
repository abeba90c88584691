package cc.marix.reseller.signing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.signing.SignatureVerificationException.Reason;

class PartnerSignatureTest {

    private static final String OLD = "old-secret-0123456789abcdefghij";
    private static final String NEW = "new-secret-0123456789abcdefghij";
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
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

    @Test
    void signTimestamped_shouldBeHmacOfTimestampDotBody() {
        byte[] signed = ("1764460800." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        assertEquals(HmacSha256.hex(NEW, signed), PartnerSignature.signTimestamped(NEW, 1764460800L, BODY));
        assertNotEquals(PartnerSignature.sign(NEW, BODY), PartnerSignature.signTimestamped(NEW, 1764460800L, BODY));
    }

    @Test
    void verifyTimestamped_shouldAccept_upTo300SecondsEitherWay() {
        for (long skew : new long[] { 0, 300, -300 }) {
            long timestamp = NOW.getEpochSecond() + skew;
            assertDoesNotThrow(() -> PartnerSignature.verifyTimestamped(BODY, Long.toString(timestamp),
                    PartnerSignature.signTimestamped(OLD, timestamp, BODY), List.of(OLD, NEW), CLOCK), "skew " + skew);
        }
    }

    @Test
    void verifyTimestamped_shouldAccept_whenOurClockIsWithinTheSameSecond() {
        long timestamp = NOW.getEpochSecond() - 300;
        Clock lateInTheSecond = Clock.fixed(NOW.plusMillis(999), ZoneOffset.UTC);
        assertDoesNotThrow(() -> PartnerSignature.verifyTimestamped(BODY, Long.toString(timestamp),
                PartnerSignature.signTimestamped(NEW, timestamp, BODY), List.of(NEW), lateInTheSecond));
    }

    @Test
    void verifyTimestamped_shouldRejectTimestamp_whenStaleOrFutureBy301Seconds() {
        for (long skew : new long[] { 301, -301, 86_400 }) {
            long timestamp = NOW.getEpochSecond() - skew;
            assertTimestampedReason(Reason.TIMESTAMP, Long.toString(timestamp),
                    PartnerSignature.signTimestamped(NEW, timestamp, BODY));
        }
    }

    @Test
    void verifyTimestamped_shouldRejectMismatch_beforeLookingAtTheWindow() {
        long stale = NOW.getEpochSecond() - 3600;
        assertTimestampedReason(Reason.MISMATCH, Long.toString(stale),
                PartnerSignature.signTimestamped("someone-elses-secret-0123456789", stale, BODY));
    }

    @Test
    void verifyTimestamped_shouldRejectMismatch_whenTheTimestampWasChanged() {
        long timestamp = NOW.getEpochSecond();
        assertTimestampedReason(Reason.MISMATCH, Long.toString(timestamp + 1),
                PartnerSignature.signTimestamped(NEW, timestamp, BODY));
        assertTimestampedReason(Reason.MISMATCH, Long.toString(timestamp), PartnerSignature.sign(NEW, BODY));
    }

    @Test
    void verifyTimestamped_shouldRejectTimestampMissing_whenNoHeader_butOnlyForAMacOverTheEmptyTimestamp() {
        String overNothing = PartnerSignature.signTimestamped(NEW, "", BODY);
        assertTimestampedReason(Reason.TIMESTAMP_MISSING, null, overNothing);
        assertTimestampedReason(Reason.TIMESTAMP_MISSING, " ", overNothing);
        // a probe without a timestamp learns nothing: it is a mismatch, as for an unknown partner
        String signature = PartnerSignature.signTimestamped(NEW, NOW.getEpochSecond(), BODY);
        assertTimestampedReason(Reason.MISMATCH, null, signature);
    }

    @Test
    void verifyTimestamped_shouldRejectTimestampMalformed_whenNotUnixSeconds_butOnlyWhenSignedAsSent() {
        for (String header : List.of("-1764460800", "1764460800.5", "1.7e9", "2026-11-30T00:00:00Z", "abc",
                "1".repeat(13))) {
            assertTimestampedReason(Reason.TIMESTAMP_MALFORMED, header, PartnerSignature.signTimestamped(NEW, header, BODY));
            assertTimestampedReason(Reason.MISMATCH, header,
                    PartnerSignature.signTimestamped(NEW, NOW.getEpochSecond(), BODY));
        }
    }

    @Test
    void verifyTimestamped_shouldRejectTheSignatureHeaderFirst() {
        assertTimestampedReason(Reason.MISSING, null, null);
        assertTimestampedReason(Reason.MALFORMED, Long.toString(NOW.getEpochSecond()), "xyz");
    }

    private static void assertTimestampedReason(Reason expected, String timestamp, String signature) {
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> PartnerSignature.verifyTimestamped(BODY, timestamp, signature, List.of(OLD, NEW), CLOCK));
        assertEquals(expected, e.reason(), e.getMessage());
    }

    private static void assertReason(Reason expected, byte[] body, String header, List<String> secrets) {
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> PartnerSignature.verify(body, header, secrets));
        assertEquals(expected, e.reason());
    }
}
