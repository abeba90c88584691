package cc.marix.reseller.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Secret rotation and expiry, pure: what {@code rotatePartnerSecret} writes and what verification accepts. */
class PartnerTest {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void rotated_shouldKeepThePreviousSecretForItsTtl_thenNotAccept() {
        Partner rotated = partner("a").rotated("b", DAY, T0);

        assertEquals(List.of(new SigningSecret("a", T0.plus(DAY)), SigningSecret.current("b")), rotated.secrets());
        assertEquals(2, rotated.version());
        assertEquals(List.of("a", "b"), rotated.liveSecrets(T0.plus(DAY).minusMillis(1)));
        assertEquals(List.of("b"), rotated.liveSecrets(T0.plus(DAY)));
        assertEquals(List.of(T0.plus(DAY)), rotated.previousSecretExpiries(T0));
        assertEquals(List.of(), rotated.previousSecretExpiries(T0.plus(DAY)));
    }

    @Test
    void rotated_shouldDropThePreviousAtOnce_whenTtlIsZero() {
        Partner rotated = partner("a").rotated("b", Duration.ZERO, T0);

        assertEquals(List.of(SigningSecret.current("b")), rotated.secrets());
        assertEquals(List.of("b"), rotated.liveSecrets(T0));
    }

    @Test
    void rotated_shouldRevokeThePrevious_whenTheCurrentSecretIsRotatedToAgainWithZero() {
        Partner once = partner("a").rotated("b", DAY, T0);
        Partner revoked = once.rotated("b", Duration.ZERO, T0.plusSeconds(60));

        assertEquals(List.of(SigningSecret.current("b")), revoked.secrets());
        assertEquals(3, revoked.version());
    }

    @Test
    void rotated_shouldAnswerTheSamePartner_whenRepeated() {
        Partner once = partner("a").rotated("b", DAY, T0);

        assertSame(once, once.rotated("b", DAY, T0));
        assertSame(once, once.rotated("b", Duration.ofDays(30), T0.plusSeconds(5)));
    }

    @Test
    void rotated_shouldNeverLengthenAnEarlierExpiry() {
        Partner first = partner("a").rotated("b", Duration.ofHours(1), T0);
        Partner second = first.rotated("c", DAY, T0.plusSeconds(60));

        assertEquals(List.of(new SigningSecret("a", T0.plus(Duration.ofHours(1))),
                new SigningSecret("b", T0.plusSeconds(60).plus(DAY)), SigningSecret.current("c")), second.secrets());
    }

    @Test
    void rotated_shouldDropExpiredSecrets_andKeepAtMostThree() {
        Partner rotated = partner("a").rotated("b", DAY, T0).rotated("c", DAY, T0).rotated("d", DAY, T0);
        assertEquals(List.of("b", "c", "d"), rotated.liveSecrets(T0));

        Partner later = rotated.rotated("e", DAY, T0.plus(DAY));
        assertEquals(List.of(new SigningSecret("d", T0.plus(DAY).plus(DAY)), SigningSecret.current("e")),
                later.secrets());
    }

    @Test
    void rotated_shouldRefuseASecretUsedBefore() {
        Partner rotated = partner("a").rotated("b", DAY, T0);

        assertThrows(SecretReusedException.class, () -> rotated.rotated("a", DAY, T0));
    }

    @Test
    void rotated_shouldCapBothSecrets_whenCreatedWithTwo() {
        Partner two = new Partner("p", List.of(SigningSecret.current("a"), SigningSecret.current("b")), Set.of(), null,
                T0.toString(), 1, true, SignatureScheme.BODY);

        Partner rotated = two.rotated("c", Duration.ofSeconds(10), T0);

        assertEquals(List.of("a", "b", "c"), rotated.liveSecrets(T0.plusSeconds(9)));
        assertEquals(List.of("c"), rotated.liveSecrets(T0.plusSeconds(10)));
    }

    @Test
    void toString_shouldNotPrintSecrets() {
        String printed = partner("super-secret-value").rotated("other-secret-value", DAY, T0).toString();

        assertEquals(-1, printed.indexOf("secret-value"));
    }

    private static Partner partner(String secret) {
        return new Partner("p", List.of(SigningSecret.current(secret)), Set.of(), null, T0.toString(), 1, true,
                SignatureScheme.BODY);
    }
}
