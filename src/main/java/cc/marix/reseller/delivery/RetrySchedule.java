package cc.marix.reseller.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed step is tried again: after the n-th failed attempt, wait the n-th delay of the schedule plus up to
 * 10 % jitter (so a partner that comes back is not hit by every parked retry at once); after the last, park.
 */
public final class RetrySchedule {

    static final double JITTER = 0.10;

    private final List<Duration> waits;
    private final DoubleSupplier random;

    public RetrySchedule(List<Duration> waits, DoubleSupplier random) {
        this.waits = List.copyOf(waits);
        this.random = random;
    }

    /** Attempts a step gets in all: the first, then one per wait. */
    public int maxAttempts() {
        return waits.size() + 1;
    }

    /** When to try again after {@code failedAttempts} attempts failed, or empty when the step is to be parked. */
    public Optional<Instant> next(int failedAttempts, Instant now) {
        if (failedAttempts < 1 || failedAttempts > waits.size()) {
            return Optional.empty();
        }
        Duration wait = waits.get(failedAttempts - 1);
        long jitterMillis = (long) (wait.toMillis() * JITTER * random.getAsDouble());
        return Optional.of(now.plus(wait).plusMillis(jitterMillis));
    }
}
