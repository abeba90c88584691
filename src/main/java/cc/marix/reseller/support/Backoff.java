package cc.marix.reseller.support;

import java.util.concurrent.ThreadLocalRandom;

import cc.marix.reseller.api.ApiException;

/**
 * A short, jittered pause between attempts of a contended DynamoDB transaction: up to 2, 4, 8 ... 50 ms. The jitter
 * keeps the racers from colliding again in lockstep.
 */
public final class Backoff {

    static final int CEILING_MILLIS = 50;

    private Backoff() {
    }

    public static void pause(int attempt) {
        int ceiling = Math.min(CEILING_MILLIS, 2 << Math.min(attempt, 5));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted", "interrupted, retry", 1);
        }
    }
}
