package cc.marix.reseller.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs calls on real threads, released together. In AWS every concurrent invocation gets its own execution
 * environment; the one local runtime serves invocations one at a time, so storms call the Lambda handler directly.
 */
public final class Storm {

    private Storm() {
    }

    /** The answers in the order of the calls; each call may take at most two minutes. */
    public static <T> List<T> run(List<Callable<T>> calls) throws Exception {
        return run(calls, Duration.ofMinutes(2));
    }

    public static <T> List<T> run(List<Callable<T>> calls, Duration eachAtMost) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(eachAtMost.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
