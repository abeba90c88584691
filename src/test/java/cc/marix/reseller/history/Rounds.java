package cc.marix.reseller.history;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.history.History.Call;
import cc.marix.reseller.local.LambdaInvocationException;
import cc.marix.reseller.store.FaultInjector;
import cc.marix.reseller.store.FaultKind;
import cc.marix.reseller.store.FaultSpec;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestStack;

/**
 * Runs a workload's rounds and reports them. Each round draws its workload and its faults from a seed, printed
 * before it runs and in its failure. System properties: {@code history.seed} replays a run (the workload and the
 * fault sequence; the threads' interleaving is the machine's), {@code history.size} is the logical operations per
 * round, {@code history.duration} (e.g. PT7M) repeats rounds with the following seeds for that long per workload,
 * {@code history.faults} replaces the fault rates. Without {@code history.seed} the rounds start from a fixed seed,
 * so the run inside {@code mvn verify} is the same workload and fault sequence every time (a red build names a
 * defect, not a new draw); {@code scripts/soak} starts from a random one to explore.
 *
 * <p>At the suite's rates the SDK's retries (9 attempts) and the code's own absorb the faults, so a client hardly
 * ever sees a 503 (the one seen is order-pay's {@code contention}: two requests for one order's page at once).
 * {@link #runWithBursts} adds {@link Bursts}: while the clients send, a window in which every attempt of one
 * operation fails, long enough to exhaust the attempts of the requests caught in it, so 503s with Retry-After reach
 * the clients, who send again; the run fails if none did.
 */
final class Rounds {

    /** The first seed of the run inside {@code mvn verify}. */
    static final long CI_SEED = 20261130L;

    /** Every fault kind on: the rates of the issue, latency kept short so a CI run stays bounded. */
    static final String FAULTS = "throttle=0.05,error=0.05,conflict=0.05,after-commit=0.05,latency=0.02:20ms";
    /** Client threads: each one a caller with its own execution environment in AWS. */
    static final int THREADS = 8;

    private static final Logger LOG = Logger.getLogger(Rounds.class);

    /** Draws the bursts of the round whose faults are on; null when the run has none. */
    private static volatile Random burstDraw;
    private static volatile boolean bursting;
    /** The round's phases of concurrent clients that still get a burst. */
    private static final AtomicInteger BURST_PHASES = new AtomicInteger();

    /** One round of a workload: its recorded history; throws when an invariant breaks. */
    interface Round {
        History run(long seed, int size) throws Exception;
    }

    private Rounds() {
    }

    static void run(String workload, Round round) throws Exception {
        runRounds(workload, round);
    }

    /** The rounds with {@link Bursts} during the clients' sends; at least one 503 must have reached a client. */
    static void runWithBursts(String workload, Round round) throws Exception {
        bursting = true;
        try {
            long unavailable = runRounds(workload + " (bursts)", round);
            assertTrue(unavailable > 0, "the bursts brought no 503 to a client: the retry path went untested");
        } finally {
            bursting = false;
        }
    }

    /** Runs the rounds; the 503s their clients saw. */
    private static long runRounds(String workload, Round round) throws Exception {
        long seed = Long.getLong("history.seed", CI_SEED);
        int size = Integer.getInteger("history.size", 40);
        Duration duration = Duration.parse(System.getProperty("history.duration", "PT0S"));
        long until = System.nanoTime() + duration.toNanos();
        int rounds = 0;
        long requests = 0;
        long attempts = 0;
        long unavailable = 0;
        Map<String, Long> before = FaultInjector.counts();
        do {
            long roundSeed = seed + rounds;
            LOG.infof("history %s: seed %d, size %d (replay: -Dhistory.seed=%d -Dhistory.size=%d)", workload,
                    roundSeed, size, roundSeed, size);
            Map<String, Long> roundBefore = FaultInjector.counts();
            History history;
            try {
                history = round.run(roundSeed, size);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("history " + workload + " failed with seed " + roundSeed + ", size " + size
                        + ": " + e.getMessage(), e);
            } finally {
                faultsOff();
            }
            LOG.infof("history %s: seed %d: %s, faults %s", workload, roundSeed, history.summary(),
                    byKind(injectedSince(roundBefore)));
            requests += history.calls().size();
            attempts += history.attempts();
            unavailable += history.unavailable();
            rounds++;
        } while (System.nanoTime() < until);
        Map<String, Long> injected = injectedSince(before);
        LOG.infof("history %s: %d rounds, %d requests, %d attempts, %d 503s, %d faults injected %s %s", workload,
                rounds, requests, attempts, unavailable, injected.values().stream().mapToLong(Long::longValue).sum(),
                byKind(injected), injected);
        assertTrue(injected.keySet().stream().anyMatch(key -> key.startsWith("after-commit")),
                "no ambiguous commit was injected: " + injected);
        return unavailable;
    }

    /** Turns every fault on for the round, drawn from its seed (and, in a run with bursts, its bursts too). */
    static void faultsOn(long seed) {
        FaultInjector.install(FaultSpec.parse(System.getProperty("history.faults", FAULTS) + ",seed=" + seed));
        burstDraw = bursting ? new Random(seed) : null;
        BURST_PHASES.set(Bursts.PHASES);
    }

    /** Turns the faults off: the checks read the table as it is. */
    static void faultsOff() {
        burstDraw = null;
        FaultInjector.clearScript();
        FaultInjector.install(null);
    }

    /**
     * Each item on one of {@link #THREADS} client threads at once; an item's failure fails the run. With bursts on,
     * the round's first {@link Bursts#PHASES} calls get one while their clients send, over when they are done.
     */
    static <T> void concurrently(List<T> items, Function<T, Call> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Random draw = burstDraw;
        Bursts bursts = draw == null || BURST_PHASES.getAndDecrement() <= 0 ? null : Bursts.start(draw);
        try {
            List<Future<Call>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> client.apply(item)));
            }
            for (Future<Call> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            if (bursts != null) {
                bursts.stop();
            }
        }
    }

    /**
     * Invokes a scheduled job or a stream batch as its trigger does: again after every failed invocation or an
     * answer that is not {@code done} yet (the next schedule tick, the event source mapping's retry).
     */
    static JsonNode invokeUntil(String event, Predicate<JsonNode> done) {
        String last = "no answer";
        for (int attempt = 0; attempt < History.ATTEMPTS; attempt++) {
            try {
                JsonNode answer = Json.parse(TestStack.invoke(event));
                if (done.test(answer)) {
                    return answer;
                }
                last = answer.toString();
            } catch (LambdaInvocationException e) {
                last = e.getMessage();
            }
        }
        return fail(event + " did not succeed in " + History.ATTEMPTS + " invocations: " + last);
    }

    static JsonNode invokeUntilItSucceeds(String event) {
        return invokeUntil(event, answer -> true);
    }

    static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static Map<String, Long> injectedSince(Map<String, Long> before) {
        Map<String, Long> injected = new TreeMap<>();
        FaultInjector.counts().forEach((key, count) -> {
            long added = count - before.getOrDefault(key, 0L);
            if (added > 0) {
                injected.put(key, added);
            }
        });
        return injected;
    }

    /** Faults by kind alone, over every operation ({@code "after-commit GetItem"} counts as after-commit). */
    private static Map<String, Long> byKind(Map<String, Long> injected) {
        Map<String, Long> byKind = new TreeMap<>();
        injected.forEach((key, count) -> byKind.merge(key.substring(0, key.indexOf(' ')), count, Long::sum));
        return byKind;
    }

    /**
     * A scripted fault burst on a thread of its own: after a drawn pause, every attempt of one operation fails with
     * one kind for {@link #WINDOW_MILLIS}, longer than the SDK's nine attempts of a call usually take (jittered
     * backoff from 25 ms, doubling: about 6 s in all on average), so the requests in flight then get a 503 and the
     * client's retry is the path under test. 500s and the ambiguous commit (the write is in the table, the client is
     * told 503: its retry must be answered as the original) on the two operations every request makes. Not
     * throttling: the SDK backs off from it so long that a window it outlasts would stretch the round by a minute;
     * the rates cover it.
     */
    private static final class Bursts {

        /** Phases of concurrent clients per round that get a burst. */
        static final int PHASES = 2;
        private static final long WINDOW_MILLIS = 7_000;
        /** More attempts than the window can see: the window, not the count, ends the burst. */
        private static final int UNLIMITED = 1_000_000;
        private static final FaultKind[] KINDS = {FaultKind.ERROR, FaultKind.AFTER_COMMIT};
        private static final String[] OPERATIONS = {"TransactWriteItems", "GetItem"};

        private final Thread thread;

        private Bursts(Random draw) {
            thread = new Thread(() -> burst(draw), "fault-bursts");
            thread.setDaemon(true);
        }

        static Bursts start(Random draw) {
            Bursts bursts = new Bursts(draw);
            bursts.thread.start();
            return bursts;
        }

        private void burst(Random draw) {
            try {
                Thread.sleep(100 + draw.nextInt(400));
                FaultKind kind = KINDS[draw.nextInt(KINDS.length)];
                String operation = OPERATIONS[draw.nextInt(OPERATIONS.length)];
                LOG.infof("history: a burst of %s %s for %d ms", kind.wire(), operation, WINDOW_MILLIS);
                FaultInjector.script(kind, operation, UNLIMITED);
                Thread.sleep(WINDOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                FaultInjector.clearScript();
            }
        }

        /** Ends the burst when the clients are done: the recovery and the checks that follow run without it. */
        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }
}
