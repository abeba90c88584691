package cc.marix.reseller.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    private static final Instant AT = Instant.parse("2026-05-14T10:30:00Z");

    @Test
    void next_shouldBeVersion7WithTheClocksMilliseconds() {
        UUID id = new Ids(Clock.fixed(AT, ZoneOffset.UTC)).next();
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(AT.toEpochMilli(), id.getMostSignificantBits() >>> 16);
    }

    @Test
    void next_shouldSortByTimeAndNeverRepeat() {
        Set<UUID> seen = new HashSet<>();
        Ids earlier = new Ids(Clock.fixed(AT, ZoneOffset.UTC));
        Ids later = new Ids(Clock.fixed(AT.plusMillis(1), ZoneOffset.UTC));
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(earlier.next()));
        }
        assertTrue(earlier.nextString().compareTo(later.nextString()) < 0);
    }

    @Test
    void isUuid_shouldAcceptOnlyCanonicalForm() {
        assertTrue(Ids.isUuid("019dbf72-70af-7bd1-b60e-a35d4dbba588"));
        assertFalse(Ids.isUuid("019dbf72-70af-7bd1-b60e-a35d4dbba58"));
        assertFalse(Ids.isUuid("1-2-3-4-5"));
        assertFalse(Ids.isUuid(null));
    }
}
