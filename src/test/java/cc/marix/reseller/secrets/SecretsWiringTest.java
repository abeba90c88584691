package cc.marix.reseller.secrets;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.junit.jupiter.api.Test;

import cc.marix.reseller.local.SecretsExtensionStandIn;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.SecretsExtensionResource;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The running function's credentials come from the secrets extension (here its stand-in), not from settings: the
 * mailer's SMTP login, and a provider key that follows a rotation once the TTL has passed.
 */
@QuarkusTest
class SecretsWiringTest {

    private static final String ROTATED = "rotated-tribute-api-key";

    @Inject
    TestClock clock;

    @Inject
    SecretsConfig config;

    @Test
    void mailerCredentials_shouldComeFromTheSmtpSecret() {
        ConfigValue username = ConfigProvider.getConfig().getConfigValue("quarkus.mailer.username");
        ConfigValue password = ConfigProvider.getConfig().getConfigValue("quarkus.mailer.password");
        assertEquals(SecretsExtensionStandIn.DEMO_SMTP_USERNAME, username.getValue());
        assertTrue(username.getSourceName().contains(SmtpSecretConfigSourceFactory.NAME), username.getSourceName());
        assertEquals(SecretsExtensionStandIn.DEMO_SMTP_PASSWORD, password.getValue());
        assertTrue(password.getSourceName().contains(SmtpSecretConfigSourceFactory.NAME), password.getSourceName());
    }

    @Test
    void tributeWebhook_shouldVerifyWithTheRotatedKey_onceTheTtlHasPassed() {
        SecretsExtensionStandIn standIn = SecretsExtensionResource.standIn();
        byte[] body = Json.write(Tribute.paid(UUID.randomUUID().toString(), 100)).getBytes(StandardCharsets.UTF_8);
        // whatever an earlier test left cached: the demo key is read now, and serves for a TTL
        clock.advance(config.ttl());
        Tribute.send(body, Tribute.sign(body, Tribute.API_KEY)).then().statusCode(200);
        try {
            standIn.put(SecretsExtensionStandIn.TRIBUTE, Map.of("apiKey", ROTATED));
            Tribute.send(body, Tribute.sign(body, ROTATED)).then().statusCode(401);

            clock.advance(config.ttl());
            Tribute.send(body, Tribute.sign(body, ROTATED)).then().statusCode(200)
                    .body("result", equalTo("ignored"));
            Tribute.send(body, Tribute.sign(body, Tribute.API_KEY)).then().statusCode(401);
        } finally {
            standIn.put(SecretsExtensionStandIn.TRIBUTE, Map.of("apiKey", Tribute.API_KEY));
            clock.advance(config.ttl().plus(Duration.ofSeconds(1)));
        }
        Tribute.send(body, Tribute.sign(body, Tribute.API_KEY)).then().statusCode(200);
    }
}
