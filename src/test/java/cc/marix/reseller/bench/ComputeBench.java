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
        PrintStream captured = System.out;
        try (PrintStream pipe = new PrintStream(new FileOutputStream(NULL_DEVICE), false, StandardCharsets.UTF_8)) {
            System.setOut(pipe);
            return measured(function, floor);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.setOut(captured);
        }
    }

    private static ObjectNode measured(IntFunction<Runnable> function, IntFunction<Runnable> floor) {
        run(prepare(function, 0, WARM_UP), null);
        run(prepare(floor, 0, WARM_UP), null);
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
        result.set("paired", paired(prepare(function, WARM_UP + ROUNDS * PER_ROUND, PAIRS),
                prepare(floor, WARM_UP + ROUNDS * PER_ROUND, PAIRS)));
        return result;
    }

    /**
     * The calling thread's CPU time of each request of each pair: the medians of the function's and of the floor's,
     * and the median of the pairs' differences (the function's own work) with its 95 % interval, also over the floor.
     */
    private static ObjectNode paired(List<Runnable> function, List<Runnable> floor) {
        long[] functionNanos = new long[function.size()];
        long[] floorNanos = new long[floor.size()];
        long[] ownNanos = new long[function.size()];
        for (int i = 0; i < function.size(); i++) {
            if (i % 2 == 0) {
                functionNanos[i] = ThreadCpu.current(function.get(i));
                floorNanos[i] = ThreadCpu.current(floor.get(i));
            } else {
                floorNanos[i] = ThreadCpu.current(floor.get(i));
                functionNanos[i] = ThreadCpu.current(function.get(i));
            }
            ownNanos[i] = functionNanos[i] - floorNanos[i];
        }
        Arrays.sort(functionNanos);
        Arrays.sort(floorNanos);
        Arrays.sort(ownNanos);
        int n = ownNanos.length;
        int reach = (int) Math.ceil(Z95 * Math.sqrt(n) / 2);
        double floorMedian = floorNanos[n / 2];
        return Json.object().put("pairs", n)
                .put("functionMicros", Math.round(functionNanos[n / 2] / 100.0) / 10.0)
                .put("floorMicros", Math.round(floorMedian / 100.0) / 10.0)
                .put("ownMicros", Math.round(ownNanos[n / 2] / 100.0) / 10.0)
                .put("ownToSdk", hundredths(ownNanos[n / 2] / floorMedian))
                .put("ownToSdkLow95", hundredths(ownNanos[Math.max(0, n / 2 - reach)] / floorMedian))
                .put("ownToSdkHigh95", hundredths(ownNanos[Math.min(n - 1, n / 2 + reach)] / floorMedian));
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
