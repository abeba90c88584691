package cc.marix.reseller.support;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** New ids are UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by creation time. */
@ApplicationScoped
public class Ids {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public UUID next() {
        return uuidV7(clock.millis(), random);
    }

    public String nextString() {
        return next().toString();
    }

    static UUID uuidV7(long unixMillis, SecureRandom random) {
        long randA = random.nextInt(1 << 12);
        long msb = (unixMillis << 16) | (0x7L << 12) | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** True for the canonical lowercase or uppercase text form of any UUID. */
    public static boolean isUuid(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
