package cc.marix.reseller.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.support.MaskedEmail;

/** The scanner the DEBUG log test relies on finds what it must, so that test can fail. */
class LeakScanTest {

    private static final Map<String, String> SECRETS = Map.of("code", "CODE-7f3a9c", "customer e-mail",
            "bob@example.com");

    @Test
    void aLineHoldingACode_shouldBeFound_namingTheLoggerNotTheValue() {
        List<String> leaks = LeakScan.leaks(List.of(new LeakScan.Line("cc.marix.x", "delivered code-7F3A9C to x")),
                SECRETS);

        assertEquals(List.of("code in a line of cc.marix.x"), leaks);
    }

    @Test
    void aMaskedAddress_shouldNotBeALeak_butTheFullOneShould() {
        assertEquals(List.of(), LeakScan.leaks(List.of(new LeakScan.Line("a", "mail to "
                + MaskedEmail.of("bob@example.com"))), SECRETS));
        assertEquals(1, LeakScan.leaks(List.of(new LeakScan.Line("a", "RCPT TO:<Bob@Example.com>")), SECRETS).size());
    }

    @Test
    void aValueInAParameterOrAnException_shouldBeCaptured() {
        try (LogCapture capture = LogCapture.install()) {
            LogRecord record = new LogRecord(Level.FINE, "sent {0}");
            record.setLoggerName("wire");
            record.setParameters(new Object[] {"CODE-7f3a9c"});
            record.setThrown(new IllegalStateException("outer", new RuntimeException("550 <bob@example.com>")));
            capture.publish(record);

            assertEquals(2, LeakScan.leaks(capture.lines(), SECRETS).size());
        }
    }

    @Test
    void aValueTooShortToSearch_shouldBeRefused() {
        assertThrows(IllegalArgumentException.class, () -> LeakScan.leaks(List.of(), Map.of("key", "ab")));
    }
}
