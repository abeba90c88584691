package cc.marix.reseller.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs a fixed number of operations on {@code senders} threads, each taking the next operation as soon as its last
 * one is answered (a closed loop, as partners retrying in lockstep would), and measures throughput and latency.
 */
final class LoadRun {

    /** Operations per second, and latency percentiles in milliseconds; {@code failed} counts operations that threw. */
    record Result(int senders, int operations, int failed, double perSecond, double p50Millis, double p99Millis) {
    }

    /** One run's raw figures, to pool several runs into one {@link Result}. */
    record Sample(int senders, int failed, double seconds, long[] latencies) {

        Result result() {
            return pooled(List.of(this));
        }
    }

    /** Runs pooled: operations over the time they took together, percentiles over all their latencies. */
    static Result pooled(List<Sample> samples) {
        int operations = samples.stream().mapToInt(sample -> sample.latencies().length).sum();
        long[] all = new long[operations];
        int at = 0;
        for (Sample sample : samples) {
            System.arraycopy(sample.latencies(), 0, all, at, sample.latencies().length);
            at += sample.latencies().length;
        }
        Arrays.sort(all);
        double seconds = samples.stream().mapToDouble(Sample::seconds).sum();
        return new Result(samples.get(0).senders(), operations, samples.stream().mapToInt(Sample::failed).sum(),
                operations / seconds, all[(int) Math.floor(0.50 * (operations - 1))] / 1e6,
                all[(int) Math.floor(0.99 * (operations - 1))] / 1e6);
    }

    private LoadRun() {
    }

    static Result run(int senders, int operations, IntFunction<Callable<?>> operation) throws Exception {
        return sample(senders, operations, operation).result();
    }

    static Sample sample(int senders, int operations, IntFunction<Callable<?>> operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] latencies = new long[operations];
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int s = 0; s < senders; s++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < operations; i = next.getAndIncrement()) {
                        long began = System.nanoTime();
                        try {
                            operation.apply(i).call();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - began;
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
            return new Sample(senders, failed.get(), (System.nanoTime() - began) / 1e9, latencies);
        } finally {
            pool.shutdownNow();
        }
    }
}
