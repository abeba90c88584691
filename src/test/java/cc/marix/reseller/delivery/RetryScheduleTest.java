package cc.marix.reseller.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-05-14T10:30:00Z");
    private static final List<Duration> STANDARD_WEBHOOKS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));

    @Test
    void next_shouldFollowTheSchedule_withoutJitter() {
        RetrySchedule schedule = new RetrySchedule(STANDARD_WEBHOOKS, () -> 0.0);
        for (int failed = 1; failed <= STANDARD_WEBHOOKS.size(); failed++) {
            assertEquals(Optional.of(NOW.plus(STANDARD_WEBHOOKS.get(failed - 1))), schedule.next(failed, NOW));
        }
        assertEquals(10, schedule.maxAttempts());
    }

    @Test
    void next_shouldPark_afterTheLastAttempt() {
        RetrySchedule schedule = new RetrySchedule(STANDARD_WEBHOOKS, () -> 0.5);
        assertEquals(Optional.empty(), schedule.next(10, NOW));
        assertEquals(Optional.empty(), schedule.next(0, NOW));
    }

    @Test
    void next_shouldAddAtMostTenPercentJitter() {
        RetrySchedule most = new RetrySchedule(STANDARD_WEBHOOKS, () -> 0.999);
        Instant latest = most.next(4, NOW).orElseThrow();
        assertTrue(latest.isAfter(NOW.plus(Duration.ofHours(2))));
        assertTrue(latest.isBefore(NOW.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(12))));
    }
}
