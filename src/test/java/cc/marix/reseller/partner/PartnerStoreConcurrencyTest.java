package cc.marix.reseller.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import io.quarkus.test.junit.QuarkusTest;

/** Rotations and updates of one partner at once, from real threads, into DynamoDB Local: none is lost. */
@QuarkusTest
class PartnerStoreConcurrencyTest {

    @Inject
    PartnerStore store;

    @Inject
    Clock clock;

    @Test
    void rotationsAndAnUpdateAtOnce_shouldAllApply() throws Exception {
        TestPartner partner = Fixtures.partner();
        // three rotations and one update: a rotation can lose its conditional write at most three times, so its
        // five attempts always suffice and the test cannot fail for want of retries
        List<String> rotated = List.of(secret(), secret(), secret());
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Partner>> writes = new ArrayList<>();
        for (String secret : rotated) {
            writes.add(() -> {
                start.await();
                return store.rotateSecret(partner.slug(), secret, Duration.ofDays(1), clock.instant()).orElseThrow();
            });
        }
        writes.add(() -> {
            start.await();
            return store.update(partner.slug(), new PartnerUpdate(false, SignatureScheme.TIMESTAMPED, null))
                    .orElseThrow();
        });
        ExecutorService pool = Executors.newFixedThreadPool(writes.size());
        try {
            List<Future<Partner>> results = new ArrayList<>();
            writes.forEach(write -> results.add(pool.submit(write)));
            start.countDown();
            for (Future<Partner> result : results) {
                assertNotNull(result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        Partner stored = store.find(partner.slug()).orElseThrow();
        assertEquals(1 + writes.size(), stored.version(), "every write moved the version on once");
        assertFalse(stored.active());
        assertEquals(SignatureScheme.TIMESTAMPED, stored.signatureScheme());
        assertEquals(Partner.MAX_SECRETS, stored.secrets().size());
        Set<String> values = new HashSet<>(stored.liveSecrets(clock.instant()));
        assertEquals(new HashSet<>(rotated), values, "the three rotated secrets, the original dropped as the oldest");
        assertNull(stored.secrets().get(2).expiresAt(), "the last one is current");
        assertTrue(stored.secrets().subList(0, 2).stream().allMatch(secret -> secret.expiresAt() != null));
    }

    private static String secret() {
        return "concurrent-" + UUID.randomUUID();
    }
}
