package cc.marix.reseller.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's threads, DynamoDB Local's own left out. The function and its DynamoDB Local share this
 * process (the test stack), so process CPU would count the database's work as the function's; DynamoDB Local serves
 * every request on its Jetty pool (threads named {@code dynamodb-local-N}) and runs its SQLite work on threads named
 * {@code SQLiteQueue[...]} (seen in a JFR recording of the bench). The function's work runs on the caller's thread
 * (before lambda.CallerTurns it spread over the caller, a Vert.x event loop and an executor thread), and may still
 * reach an event loop (the REST clients' I/O), so one thread's CPU would not do either. Not counted: GC and JIT
 * threads (not Java threads), and threads that end inside the window.
 */
final class ThreadCpu {

    static final List<String> DATABASE_THREADS = List.of("dynamodb-local", "SQLiteQueue");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds and bytes allocated per live thread, by thread id, with each thread's name. */
    record Snapshot(Map<Long, Long> nanos, Map<Long, Long> allocated, Map<Long, String> names) {
    }

    private ThreadCpu() {
    }

    static Snapshot snapshot() {
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, Long> allocated = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread == null || database(thread.getThreadName())) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(thread.getThreadId());
            if (cpu >= 0) {
                nanos.put(thread.getThreadId(), cpu);
                names.put(thread.getThreadId(), thread.getThreadName());
                if (THREADS instanceof com.sun.management.ThreadMXBean counting) {
                    allocated.put(thread.getThreadId(), counting.getThreadAllocatedBytes(thread.getThreadId()));
                }
            }
        }
        return new Snapshot(nanos, allocated, names);
    }

    /** CPU used between the two snapshots, per thread family (the name without its trailing number). */
    static Map<String, Long> used(Snapshot before, Snapshot after) {
        Map<String, Long> byFamily = new TreeMap<>();
        after.nanos().forEach((id, nanos) -> {
            long delta = nanos - before.nanos().getOrDefault(id, 0L);
            if (delta > 0) {
                byFamily.merge(family(after.names().get(id)), delta, Long::sum);
            }
        });
        return byFamily;
    }

    /**
     * Bytes the counted threads allocated between the two snapshots. Unlike CPU time it hardly moves between runs
     * of the same build (the CPU time of a round moves by tens of percent with what the other core does), so it
     * shows a change's effect on the function's own work where one run's CPU figures cannot.
     */
    static long allocated(Snapshot before, Snapshot after) {
        long bytes = 0;
        for (Map.Entry<Long, Long> thread : after.allocated().entrySet()) {
            bytes += Math.max(0, thread.getValue() - before.allocated().getOrDefault(thread.getKey(), 0L));
        }
        return bytes;
    }

    /**
     * The calling thread's CPU time of running {@code work}, in nanoseconds: for timing one request alone (the pairs),
     * where a snapshot of every thread would cost more than the request; what a request leaves to an event loop is in
     * the rounds' totals, which count every thread.
     */
    static long current(Runnable work) {
        long before = THREADS.getCurrentThreadCpuTime();
        work.run();
        return THREADS.getCurrentThreadCpuTime() - before;
    }

    private static boolean database(String threadName) {
        return DATABASE_THREADS.stream().anyMatch(threadName::startsWith);
    }

    static String family(String threadName) {
        return threadName.replaceAll("[-_ #]*\\d+$", "");
    }
}
