package cc.marix.reseller.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FaultSpecTest {

    @Test
    void parse_shouldReadEveryKind_whenGivenTheDocumentedExample() {
        FaultSpec spec = FaultSpec.parse(
                "throttle=0.05,error=0.04,conflict=0.03,after-commit=0.02,latency=0.01:200ms,seed=42");

        assertEquals(0.05, spec.rate(FaultKind.THROTTLE));
        assertEquals(0.04, spec.rate(FaultKind.ERROR));
        assertEquals(0.03, spec.rate(FaultKind.CONFLICT));
        assertEquals(0.02, spec.rate(FaultKind.AFTER_COMMIT));
        assertEquals(0.01, spec.rate(FaultKind.LATENCY));
        assertEquals(Duration.ofMillis(200), spec.latency());
        assertEquals(42, spec.seed());
    }

    @Test
    void parse_shouldLeaveOutKindsNotNamed_andSeedZero() {
        FaultSpec spec = FaultSpec.parse("after-commit=1,latency=0.5:2s");

        assertEquals(1.0, spec.rate(FaultKind.AFTER_COMMIT));
        assertEquals(0.0, spec.rate(FaultKind.THROTTLE));
        assertEquals(Duration.ofSeconds(2), spec.latency());
        assertEquals(0, spec.seed());
    }

    @Test
    void parse_shouldRefuse_whenEmpty() {
        assertRefused(" ", "it is empty");
    }

    @Test
    void parse_shouldRefuse_whenAPartIsNoPair() {
        assertRefused("throttle=0.1,error", "'error' is not name=value");
    }

    @Test
    void parse_shouldRefuse_whenTheKindIsUnknown() {
        assertRefused("throtle=0.1", "'throtle' is no fault kind");
    }

    @Test
    void parse_shouldRefuse_whenARateIsOutOfRange() {
        assertRefused("error=1.5", "error must be a chance between 0 and 1, not '1.5'");
        assertRefused("error=-0.1", "error must be a chance between 0 and 1");
        assertRefused("error=NaN", "error must be a chance between 0 and 1");
        assertRefused("error=5%", "error must be a chance between 0 and 1");
    }

    @Test
    void parse_shouldRefuse_whenLatencyHasNoDuration() {
        assertRefused("latency=0.05", "latency must be <rate>:<n>ms or <rate>:<n>s, not '0.05'");
        assertRefused("latency=0.05:200", "latency must be <rate>:<n>ms");
        assertRefused("latency=0.05:2m", "latency must be <rate>:<n>ms");
    }

    @Test
    void parse_shouldRefuse_whenLatencyIsAboveAMinute() {
        assertRefused("latency=0.05:61s", "latency must be at most 60s");
    }

    @Test
    void parse_shouldRefuse_whenAKindIsRepeated() {
        assertRefused("error=0.1,error=0.2", "error is given twice");
        assertRefused("seed=1,seed=2", "seed is given twice");
    }

    @Test
    void parse_shouldRefuse_whenTheSeedIsNoNumber() {
        assertRefused("error=0.1,seed=abc", "seed must be a whole number, not 'abc'");
    }

    @Test
    void apply_shouldFailTheStartUp_whenFaultsIsMalformed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> FaultSwitch.apply(Optional.of("throttle=lots")));
        assertTrue(refused.getMessage().startsWith("FAULTS='throttle=lots' is malformed"), refused.getMessage());
    }

    private static void assertRefused(String text, String why) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse(text));
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
        assertTrue(refused.getMessage().contains("expected e.g. throttle=0.05"), refused.getMessage());
    }
}
