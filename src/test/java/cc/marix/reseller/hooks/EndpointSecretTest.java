package cc.marix.reseller.hooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class EndpointSecretTest {

    @Test
    void generate_shouldBeWhsecAndBase64OfThirtyTwoRandomBytes() {
        SecureRandom random = new SecureRandom();
        EndpointSecret secret = EndpointSecret.generate(random);
        assertTrue(secret.value().matches("whsec_[A-Za-z0-9+/]{43}="), secret.value());
        assertArrayEquals(Base64.getDecoder().decode(secret.value().substring(6)), secret.key());
        assertTrue(secret.key().length >= 24, "Standard Webhooks asks for at least 24 bytes");
        assertNotEquals(secret.value(), EndpointSecret.generate(random).value());
    }

    @Test
    void toString_shouldNeverShowTheValue() {
        EndpointSecret secret = EndpointSecret.generate(new SecureRandom());
        assertFalse(secret.toString().contains(secret.value().substring(6, 20)), secret.toString());
        assertFalse(new WebhookEndpointViews.Created("id", "https://x.example", List.of(), null,
                secret.value(), "t").toString().contains(secret.value()));
    }

    @Test
    void liveAt_shouldEndAtExpiry() {
        Instant at = Instant.parse("2026-05-14T10:30:00Z");
        assertTrue(new EndpointSecret("whsec_AAAA", null).liveAt(at));
        assertTrue(new EndpointSecret("whsec_AAAA", at.plusSeconds(1)).liveAt(at));
        assertFalse(new EndpointSecret("whsec_AAAA", at).liveAt(at));
    }
}
