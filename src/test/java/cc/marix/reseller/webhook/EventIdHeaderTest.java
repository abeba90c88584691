package cc.marix.reseller.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.testing.DrawnTokens;

class EventIdHeaderTest {

    /** The format as the header's documentation states it: the checker must accept exactly what this matches. */
    private static final Pattern STATED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String ALPHABET = "aZ09._:-/ é\u0000+=AzX";

    @Test
    void wellFormed_shouldAcceptExactlyWhatTheStatedFormatMatches() {
        DrawnTokens.assertCheckedAsStated(STATED, EventIdHeader::wellFormed, 14, random -> {
            int length = random.nextInt(5) == 0 ? 120 + random.nextInt(15) : random.nextInt(6);
            return DrawnTokens.draw(random, length, ALPHABET, 8);
        });
    }

    @Test
    void wellFormed_shouldTakeAUuidAndTheLongestId_andRefuseEmptyAndLonger() {
        assertTrue(EventIdHeader.wellFormed("0196b3f4-9c1e-7d2a-8b3c-4d5e6f708192"));
        assertTrue(EventIdHeader.wellFormed("a".repeat(128)));
        assertFalse(EventIdHeader.wellFormed("a".repeat(129)));
        assertFalse(EventIdHeader.wellFormed(""));
        assertFalse(EventIdHeader.wellFormed("evt 1"));
    }
}
