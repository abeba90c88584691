package cc.marix.reseller.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LatePollsTest {

    private static final Instant CLOSED = Instant.parse("2026-11-30T00:00:00Z");

    @Test
    void next_shouldFollowTheScheduleAfterTheClose() {
        assertEquals(CLOSED.plus(Duration.ofHours(1)), LatePolls.first(CLOSED));
        assertEquals(Optional.of(hours(1)), LatePolls.next(CLOSED, CLOSED));
        assertEquals(Optional.of(hours(6)), LatePolls.next(CLOSED, hours(1)));
        assertEquals(Optional.of(hours(24)), LatePolls.next(CLOSED, hours(6)));
        assertEquals(Optional.of(hours(72)), LatePolls.next(CLOSED, hours(24)));
    }

    @Test
    void next_shouldSkipLooksMissedMeanwhile_andEndAfterTheLast() {
        assertEquals(Optional.of(hours(24)), LatePolls.next(CLOSED, hours(10)));
        assertEquals(Optional.empty(), LatePolls.next(CLOSED, hours(72)));
        assertEquals(Optional.empty(), LatePolls.next(CLOSED, hours(500)));
    }

    private static Instant hours(int hours) {
        return CLOSED.plus(Duration.ofHours(hours));
    }
}
