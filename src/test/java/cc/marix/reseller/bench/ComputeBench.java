package cc.marix.reseller.bench;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    static final int ROUNDS = 3;
    static final int PER_ROUND = 200;

    /** The totals of one path over its rounds. */
    private static final class Tally {
        long operations;
        long wallNanos;
        long calls;
        final Map<String, Long> cpuByThread = new TreeMap<>();

        long cpuNanos() {
            return cpuByThread.values().stream().mapToLong(Long::longValue).sum();
        }

        ObjectNode json() {
            ObjectNode json = Json.object().put("cpuMicrosPerOp", micros(cpuNanos()))
                    .put("wallMicrosPerOp", micros(wallNanos)).put("dynamoCallsPerOp", (double) calls / operations);
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
        for (int round = 0; round < ROUNDS; round++) {
            int first = WARM_UP + round * PER_ROUND;
            run(prepare(function, first, PER_ROUND), functionTally);
            run(prepare(floor, first, PER_ROUND), floorTally);
        }
        double functionCpu = functionTally.cpuNanos() / 1e3 / functionTally.operations;
        double floorCpu = floorTally.cpuNanos() / 1e3 / floorTally.operations;
        ObjectNode result = Json.object().put("operations", functionTally.operations);
        result.set("function", functionTally.json());
        result.set("floor", floorTally.json());
        result.put("ownCpuMicrosPerOp", Math.round((functionCpu - floorCpu) * 10) / 10.0);
        result.put("ownToSdk", Math.round((functionCpu - floorCpu) / floorCpu * 100) / 100.0);
        return result;
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
            ThreadCpu.used(before, after).forEach((family, nanos) -> tally.cpuByThread.merge(family, nanos,
                    Long::sum));
        }
    }
}
