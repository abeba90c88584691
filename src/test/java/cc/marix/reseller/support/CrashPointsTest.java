package cc.marix.reseller.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CrashPointsTest {

    @AfterEach
    void disarm() {
        CrashPoints.disarm();
    }

    @Test
    void unarmed_shouldDoNothing() {
        for (String point : CrashPoints.ALL) {
            assertDoesNotThrow(() -> CrashPoints.reached(point));
        }
    }

    @Test
    void armedPoint_shouldKillOnce_andOthersNever() {
        CrashPoints.arm(CrashPoints.BETWEEN_ORDER_STEPS);

        assertDoesNotThrow(() -> CrashPoints.reached(CrashPoints.AFTER_MAIL_ACCEPTED));
        CrashPoints.ProcessCrash crash = assertThrows(CrashPoints.ProcessCrash.class,
                () -> CrashPoints.reached(CrashPoints.BETWEEN_ORDER_STEPS));
        assertEquals(CrashPoints.BETWEEN_ORDER_STEPS, crash.point());
        assertNull(CrashPoints.armed());
        assertDoesNotThrow(() -> CrashPoints.reached(CrashPoints.BETWEEN_ORDER_STEPS));
    }

    @Test
    void anError_shouldPassAnyCatchOfRuntimeException() {
        CrashPoints.arm(CrashPoints.MID_ORDER_EXPIRY);
        assertThrows(CrashPoints.ProcessCrash.class, () -> {
            try {
                CrashPoints.reached(CrashPoints.MID_ORDER_EXPIRY);
            } catch (RuntimeException handled) {
                throw new AssertionError("a crash must not be handled as a failure", handled);
            }
        });
    }

    @Test
    void unknownPoint_shouldBeRefused_withTheKnownOnes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CrashPoints.arm("after-mail-acepted"));
        assertTrue(refused.getMessage().contains(CrashPoints.AFTER_MAIL_ACCEPTED), refused.getMessage());
        assertNull(CrashPoints.armed());
    }

    @Test
    void threadsRacingToThePoint_shouldSeeOneDeath() throws Exception {
        CrashPoints.arm(CrashPoints.MID_DELIVERY_RETRY);
        AtomicInteger deaths = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    CrashPoints.reached(CrashPoints.MID_DELIVERY_RETRY);
                } catch (CrashPoints.ProcessCrash died) {
                    deaths.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, deaths.get());
    }
}
