package cc.marix.reseller.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a payment closed {@code expired} is asked about again: 1 h, 6 h, 24 h and 72 h after the close. A buyer who
 * paid late and whose only notification was lost is still credited (a provider's "paid" completes an expired
 * payment); after the last of these looks nobody asks again.
 */
public final class LatePolls {

    static final List<Duration> AFTER_CLOSE = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24),
            Duration.ofHours(72));

    private LatePolls() {
    }

    /** The first look after a close at {@code expiredAt}. */
    public static Instant first(Instant expiredAt) {
        return expiredAt.plus(AFTER_CLOSE.get(0));
    }

    /** The first look after {@code now}; empty once the last one is due (it is the one being made). */
    public static Optional<Instant> next(Instant expiredAt, Instant now) {
        return AFTER_CLOSE.stream().map(expiredAt::plus).filter(at -> at.isAfter(now)).findFirst();
    }
}
