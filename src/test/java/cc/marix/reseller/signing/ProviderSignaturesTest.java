package cc.marix.reseller.signing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.signing.SignatureVerificationException.Reason;

/** The payment providers' signatures; expected values come from the providers' docs or Python's hmac module. */
class ProviderSignaturesTest {

    private static final ExchangerIpnSignature.Fields SEED_IPN = new ExchangerIpnSignature.Fields(
            "5d8e6002b80b7b4cd75a6424", "inProgress", "2", "317.42", "ETH", "WMZ", "1571328406072");
    private static final String SEED_HASH = "af3acf947e6f0e0f2c267e300b8582e504dba12d1f2d058652b7414163c09f48";

    @Test
    void theExchangersWorkedExample_shouldVerify() {
        assertEquals(SEED_HASH, ExchangerIpnSignature.checksum(SEED_IPN, "SECRET123"));
        assertDoesNotThrow(() -> ExchangerIpnSignature.verify(SEED_IPN, SEED_HASH, "SECRET123"));
        assertDoesNotThrow(() -> ExchangerIpnSignature.verify(SEED_IPN, SEED_HASH.toUpperCase(), "SECRET123"));
    }

    @Test
    void anIpnUnderAnotherSecretOrWithAChangedField_shouldNotVerify() {
        assertEquals(Reason.MISMATCH, ipnFailure(SEED_IPN, SEED_HASH, "SECRET124"));
        ExchangerIpnSignature.Fields done = new ExchangerIpnSignature.Fields("5d8e6002b80b7b4cd75a6424", "done", "2",
                "317.42", "ETH", "WMZ", "1571328406072");
        assertEquals(Reason.MISMATCH, ipnFailure(done, SEED_HASH, "SECRET123"));
        ExchangerIpnSignature.Fields moreMoney = new ExchangerIpnSignature.Fields("5d8e6002b80b7b4cd75a6424",
                "inProgress", "2.00", "317.42", "ETH", "WMZ", "1571328406072");
        assertEquals(Reason.MISMATCH, ipnFailure(moreMoney, SEED_HASH, "SECRET123"));
        ExchangerIpnSignature.Fields missing = new ExchangerIpnSignature.Fields("5d8e6002b80b7b4cd75a6424",
                "inProgress", "2", "317.42", null, "WMZ", "1571328406072");
        assertEquals(Reason.MALFORMED, ipnFailure(missing, SEED_HASH, "SECRET123"));
        assertEquals(Reason.MISSING, ipnFailure(SEED_IPN, null, "SECRET123"));
        assertEquals(Reason.MALFORMED, ipnFailure(SEED_IPN, "xyz", "SECRET123"));
        assertEquals(Reason.NO_SECRET, ipnFailure(SEED_IPN, SEED_HASH, ""));
    }

    @Test
    void gatewaySignatures_shouldMatchAnIndependentHmac_withAndWithoutABody() {
        byte[] body = "{\"amount\":100,\"merchant_order_id\":\"12345\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("047211d72543d833ea97e8b55d0926aac737da0992fa6d75f820b537ca42a6f6",
                MerchantGatewaySignature.sign("gw-secret-123", "1763900000", body));
        assertEquals("030e710b5b8ad2d4377ac01355270beb35e427589c1c3a8d42ba106c382f111f",
                MerchantGatewaySignature.sign("gw-secret-123", "1763900000", null));
    }

    @Test
    void aGatewayCallback_shouldVerifyOnlyWithinThreeHundredSeconds_andUnderOurSecret() {
        byte[] body = "{\"status\":\"success\",\"merchant_order_id\":\"12345\"}".getBytes(StandardCharsets.UTF_8);
        String signature = MerchantGatewaySignature.sign("gw-secret-123", "1763900000", body);
        Instant signedAt = Instant.ofEpochSecond(1763900000);

        assertDoesNotThrow(() -> MerchantGatewaySignature.verify("gw-secret-123", "1763900000", body, signature,
                signedAt.plusSeconds(300)));
        assertDoesNotThrow(() -> MerchantGatewaySignature.verify("gw-secret-123", "1763900000", body, signature,
                signedAt.minusSeconds(300)));
        assertEquals(Reason.TIMESTAMP, gatewayFailure("gw-secret-123", "1763900000", body, signature,
                signedAt.plusSeconds(301)));
        assertEquals(Reason.TIMESTAMP, gatewayFailure("gw-secret-123", "1763900000", body, signature,
                signedAt.minusSeconds(301)));
        assertEquals(Reason.TIMESTAMP, gatewayFailure("gw-secret-123", "17639e5", body, signature, signedAt));
        assertEquals(Reason.TIMESTAMP, gatewayFailure("gw-secret-123", null, body, signature, signedAt));
        assertEquals(Reason.MISMATCH, gatewayFailure("gw-secret-124", "1763900000", body, signature, signedAt));
        assertEquals(Reason.MISMATCH, gatewayFailure("gw-secret-123", "1763900001", body, signature,
                signedAt));
        byte[] changed = "{\"status\":\"success\",\"merchant_order_id\":\"12346\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(Reason.MISMATCH, gatewayFailure("gw-secret-123", "1763900000", changed, signature, signedAt));
        assertEquals(Reason.MISSING, gatewayFailure("gw-secret-123", "1763900000", body, " ", signedAt));
    }

    @Test
    void tributesSignature_shouldBeAnHmacOfTheRawBodyUnderOurApiKey() {
        byte[] body = "{\"name\":\"shop_order\",\"payload\":{\"status\":\"paid\"}}".getBytes(StandardCharsets.UTF_8);
        String expected = "a990343effe28386a3b6cd4a5ad00fccb72222512d1e4c1485f38ef363006e2e";

        assertDoesNotThrow(() -> TributeSignature.verify(body, expected, "trb-api-key-xyz"));
        SignatureVerificationException wrongKey = assertThrows(SignatureVerificationException.class,
                () -> TributeSignature.verify(body, expected, "trb-api-key-xyw"));
        assertEquals(Reason.MISMATCH, wrongKey.reason());
        SignatureVerificationException noKey = assertThrows(SignatureVerificationException.class,
                () -> TributeSignature.verify(body, expected, null));
        assertEquals(Reason.NO_SECRET, noKey.reason());
    }

    private static Reason ipnFailure(ExchangerIpnSignature.Fields fields, String presented, String secret) {
        return assertThrows(SignatureVerificationException.class,
                () -> ExchangerIpnSignature.verify(fields, presented, secret)).reason();
    }

    private static Reason gatewayFailure(String secret, String timestamp, byte[] body, String signature,
            Instant now) {
        return assertThrows(SignatureVerificationException.class,
                () -> MerchantGatewaySignature.verify(secret, timestamp, body, signature, now)).reason();
    }
}
