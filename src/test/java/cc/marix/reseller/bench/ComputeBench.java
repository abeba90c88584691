package cc.marix.reseller.bench;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.testing.Json;

/**
 * CPU time per request of an operation through the Lambda handler next to the CPU time of the same DynamoDB calls
 * issued bare with the SDK (its floor), one request at a time: the function's own share is the difference. Counted
 * with {@link ThreadCpu} (every thread but DynamoDB Local's), since the test stack runs DynamoDB Local in this JVM.
 * Requests are built before the clock starts (a partner's signature is the sender's work, not ours), and the function
 * and the floor take turns so that a drift of the machine (four other builds share it) hits both alike.
 */
final class ComputeBench {

    /**
     * Until the JIT has compiled the request's path: the deployed function is a native binary, compiled ahead of time,
     * whose code never runs interpreted or with C1's profiling as a JVM's does for its first thousands of requests
     * (with 300 the function's own code, run once a request, was still partly there while the SDK's, run many times a
     * request and by the floor too, was not: BENCHMARKS.md, "CPU per request").
     */
    static final int WARM_UP = Integer.getInteger("bench.compute.warmUp", 3000);
    /**
     * Where the function's EMF lines go during the section: a deployed function writes them to stdout, a pipe; in the
     * test JVM stdout is surefire's capture, which encodes each line for its own protocol on a thread of its own.
     */
    private static final String NULL_DEVICE = "/dev/null";
    /**
     * Short rounds of the function and the floor, many times: the CPU time of the same requests moves by tens of per cent from
     * one round to the next on this 2-core VM (with what the other core is doing; the VM's stolen time did not move),
     * so the figure is the median of the rounds' own/SDK, printed with its spread (with 3 rounds of 200, pooled, the
     * same build gave a catalog list's 0.20 in one run and 0.63 in another).
     */
    static final int ROUNDS = 15;
    static final int PER_ROUND = 40;
    /**
     * Then requests in pairs, a function's and a floor's back to back (which goes first alternates), each timed alone
     * on the calling thread (where the request's work runs: lambda.CallerTurns): a drift of the machine then falls on
     * both halves of a pair, and the median of the pairs' differences leaves out the odd request a collection or a
     * compilation slowed, which a round's total keeps.
     */
    static final int PAIRS = 600;
    /** Requests each path serves in the section: what the stock seeded for it must cover. */
    static final int OPERATIONS = WARM_UP + ROUNDS * PER_ROUND + PAIRS;
    /** Two-sided 95 % for the median of {@link #PAIRS} values, by the binomial order statistics: no distribution assumed. */
    private static final double Z95 = 1.96;

    /** The totals of one path over its rounds. */
    private static final class Tally {
        long operations;
        long wallNanos;
        long calls;
        long allocatedBytes;
        final Map<String, Long> cpuByThread = new TreeMap<>();

        void add(Tally round) {
            operations += round.operations;
            wallNanos += round.wallNanos;
            calls += round.calls;
            allocatedBytes += round.allocatedBytes;
            round.cpuByThread.forEach((family, nanos) -> cpuByThread.merge(family, nanos, Long::sum));
        }

        long cpuNanos() {
            return cpuByThread.values().stream().mapToLong(Long::longValue).sum();
        }

        ObjectNode json() {
            ObjectNode json = Json.object().put("cpuMicrosPerOp", micros(cpuNanos()))
                    .put("wallMicrosPerOp", micros(wallNanos)).put("dynamoCallsPerOp", (double) calls / operations)
                    .put("allocatedBytesPerOp", allocatedBytes / operations);
            ObjectNode threads = json.putObject("cpuMicrosPerOpByThread");
            cpuByThread.forEach((family, nanos) -> {
                if (micros(nanos) >= 1) {
                    threads.put(family, micros(nanos));
                }
            });
            return json;
        }

        private double micros(long nanos) {
            return Math.round(nanos / 1e2 / operations) / 10.0;
        }
    }

    private ComputeBench() {
    }

    /**
     * {@code function} and {@code floor} build operation {@code i} (everything a sender prepares happens there, outside
     * the measurement); the returned runnables are what is timed.
     */
    static ObjectNode measure(IntFunction<Runnable> function, IntFunction<Runnable> floor) {
        return measure(function, floor, Map.of());
    }

    /**
     * As {@link #measure(IntFunction, IntFunction)}, then each of {@code parts} (by name: a part of the function's work
     * on its own) warmed up and timed as the function is, in pairs with the floor, which goes first alternating: so in
     * the same state of the machine and of its caches as the function. Back-to-back requests of one kind are not (the
     * request path's ran in a fifth of the time that way). The floor serves {@link #floorOperations} requests.
     */
    static ObjectNode measure(IntFunction<Runnable> function, IntFunction<Runnable> floor,
            Map<String, IntFunction<Runnable>> parts) {
        PrintStream captured = System.out;
        try (PrintStream pipe = new PrintStream(new FileOutputStream(NULL_DEVICE), false, StandardCharsets.UTF_8)) {
            System.setOut(pipe);
            return measured(function, floor, parts);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.setOut(captured);
        }
    }

    private static ObjectNode measured(IntFunction<Runnable> function, IntFunction<Runnable> floor,
            Map<String, IntFunction<Runnable>> parts) {
        run(prepare(function, 0, WARM_UP), null);
        run(prepare(floor, 0, WARM_UP), null);
        parts.values().forEach(part -> run(prepare(part, 0, WARM_UP), null));
        Tally functionTally = new Tally();
        Tally floorTally = new Tally();
        double[] roundRatios = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            int first = WARM_UP + round * PER_ROUND;
            Tally functionRound = new Tally();
            Tally floorRound = new Tally();
            // which goes first alternates, so that an effect of the order falls on both
            if (round % 2 == 0) {
                run(prepare(function, first, PER_ROUND), functionRound);
                run(prepare(floor, first, PER_ROUND), floorRound);
            } else {
                run(prepare(floor, first, PER_ROUND), floorRound);
                run(prepare(function, first, PER_ROUND), functionRound);
            }
            roundRatios[round] = (double) (functionRound.cpuNanos() - floorRound.cpuNanos()) / floorRound.cpuNanos();
            functionTally.add(functionRound);
            floorTally.add(floorRound);
        }
        double functionCpu = functionTally.cpuNanos() / 1e3 / functionTally.operations;
        double floorCpu = floorTally.cpuNanos() / 1e3 / floorTally.operations;
        Arrays.sort(roundRatios);
        ObjectNode result = Json.object().put("operations", functionTally.operations).put("rounds", ROUNDS);
        result.set("function", functionTally.json());
        result.set("floor", floorTally.json());
        result.put("ownCpuMicrosPerOp", Math.round((functionCpu - floorCpu) * 10) / 10.0);
        result.put("ownToSdk", hundredths(roundRatios[ROUNDS / 2]));
        result.put("ownToSdkLowestRound", hundredths(roundRatios[0]));
        result.put("ownToSdkHighestRound", hundredths(roundRatios[ROUNDS - 1]));
        result.put("ownToSdkOfTotals", hundredths((functionCpu - floorCpu) / floorCpu));
        result.put("ownAllocatedBytesPerOp", (functionTally.allocatedBytes - floorTally.allocatedBytes)
                / functionTally.operations);
        result.set("paired", paired(function, floor, parts));
        return result;
    }

    /**
     * The function's pairs with the floor: the medians of the function's and of the floor's CPU time, and the median
     * of the pairs' differences (the function's own work) with its 95 % interval, also over the floor; then each
     * part's pairs with the floor of its own, under the part's name.
     */
    private static ObjectNode paired(IntFunction<Runnable> function, IntFunction<Runnable> floor,
            Map<String, IntFunction<Runnable>> parts) {
        int first = WARM_UP + ROUNDS * PER_ROUND;
        long[][] pairs = pairs(prepare(function, first, PAIRS), prepare(floor, first, PAIRS));
        Sorted ownNanos = Sorted.of(difference(pairs[0], pairs[1]));
        double floorMedian = Sorted.of(pairs[1]).median();
        ObjectNode paired = Json.object().put("pairs", PAIRS)
                .put("functionMicros", micros(Sorted.of(pairs[0]).median()))
                .put("floorMicros", micros(floorMedian))
                .put("ownMicros", micros(ownNanos.median()))
                .put("ownToSdk", hundredths(ownNanos.median() / floorMedian))
                .put("ownToSdkLow95", hundredths(ownNanos.low95() / floorMedian))
                .put("ownToSdkHigh95", hundredths(ownNanos.high95() / floorMedian));
        int floorFirst = first + PAIRS;
        for (Map.Entry<String, IntFunction<Runnable>> part : parts.entrySet()) {
            paired.set(part.getKey(), part(pairs(prepare(part.getValue(), first, PAIRS),
                    prepare(floor, floorFirst, PAIRS))));
            floorFirst += PAIRS;
        }
        return paired;
    }

    /** The floor's operations {@link #measure} runs with that many parts: what the stock seeded for it must cover. */
    static int floorOperations(int parts) {
        return OPERATIONS + parts * PAIRS;
    }

    /**
     * The calling thread's CPU time of each request of {@link #PAIRS} pairs, {@code side}'s and the floor's back to
     * back, which goes first alternating: {@code [side's, floor's]}.
     */
    private static long[][] pairs(List<Runnable> side, List<Runnable> floor) {
        long[][] nanos = new long[2][PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            if (i % 2 == 0) {
                nanos[0][i] = ThreadCpu.current(side.get(i));
                nanos[1][i] = ThreadCpu.current(floor.get(i));
            } else {
                nanos[1][i] = ThreadCpu.current(floor.get(i));
                nanos[0][i] = ThreadCpu.current(side.get(i));
            }
        }
        return nanos;
    }

    /** A part's pairs: its median and its median difference from the floor, each also over the floor's median. */
    private static ObjectNode part(long[][] pairs) {
        Sorted part = Sorted.of(pairs[0]);
        Sorted overFloor = Sorted.of(difference(pairs[0], pairs[1]));
        double floorMedian = Sorted.of(pairs[1]).median();
        return Json.object().put("micros", micros(part.median()))
                .put("floorMicros", micros(floorMedian))
                .put("toSdk", hundredths(part.median() / floorMedian))
                .put("toSdkLow95", hundredths(part.low95() / floorMedian))
                .put("toSdkHigh95", hundredths(part.high95() / floorMedian))
                .put("overFloorMicros", micros(overFloor.median()))
                .put("overFloorToSdk", hundredths(overFloor.median() / floorMedian))
                .put("overFloorToSdkLow95", hundredths(overFloor.low95() / floorMedian))
                .put("overFloorToSdkHigh95", hundredths(overFloor.high95() / floorMedian));
    }

    /** Values in order, with the median and the ranks of its two-sided 95 % interval (binomial order statistics). */
    private record Sorted(long[] values) {

        static Sorted of(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            return new Sorted(sorted);
        }

        double median() {
            return values[values.length / 2];
        }

        double low95() {
            return values[Math.max(0, values.length / 2 - reach())];
        }

        double high95() {
            return values[Math.min(values.length - 1, values.length / 2 + reach())];
        }

        private int reach() {
            return (int) Math.ceil(Z95 * Math.sqrt(values.length) / 2);
        }
    }

    private static long[] difference(long[] minuend, long[] subtrahend) {
        long[] difference = new long[minuend.length];
        for (int i = 0; i < minuend.length; i++) {
            difference[i] = minuend[i] - subtrahend[i];
        }
        return difference;
    }

    private static double micros(double nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    private static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static List<Runnable> prepare(IntFunction<Runnable> operation, int first, int count) {
        List<Runnable> prepared = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            prepared.add(operation.apply(i));
        }
        return prepared;
    }

    private static void run(List<Runnable> operations, Tally tally) {
        long calls = DynamoCallCounter.total();
        ThreadCpu.Snapshot before = ThreadCpu.snapshot();
        long began = System.nanoTime();
        operations.forEach(Runnable::run);
        long wall = System.nanoTime() - began;
        ThreadCpu.Snapshot after = ThreadCpu.snapshot();
        if (tally != null) {
            tally.operations += operations.size();
            tally.wallNanos += wall;
            tally.calls += DynamoCallCounter.total() - calls;
            tally.allocatedBytes += ThreadCpu.allocated(before, after);
            ThreadCpu.used(before, after).forEach((family, nanos) -> tally.cpuByThread.merge(family, nanos,
                    Long::sum));
        }
    }
}
