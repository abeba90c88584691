package cc.marix.reseller.history;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.function.Function;

import org.jboss.logging.Logger;

import cc.marix.reseller.history.History.Call;
import cc.marix.reseller.store.FaultInjector;
import cc.marix.reseller.store.FaultSpec;

/**
 * Runs a workload's rounds and reports them. Each round draws its workload and its faults from a seed, printed
 * before it runs and in its failure. System properties: {@code history.seed} replays a run (the workload and the
 * fault sequence; the threads' interleaving is the machine's), {@code history.size} is the logical operations per
 * round, {@code history.duration} (e.g. PT7M) repeats rounds with the following seeds for that long per workload,
 * {@code history.faults} replaces the fault rates. Without {@code history.seed} the rounds start from a fixed seed,
 * so the run inside {@code mvn verify} is the same workload and fault sequence every time (a red build names a
 * defect, not a new draw); {@code scripts/soak} starts from a random one to explore.
 */
final class Rounds {

    /** The first seed of the run inside {@code mvn verify}. */
    static final long CI_SEED = 20261130L;

    /** Every fault kind on: the rates of the issue, latency kept short so a CI run stays bounded. */
    static final String FAULTS = "throttle=0.05,error=0.05,conflict=0.05,after-commit=0.05,latency=0.02:20ms";
    /** Client threads: each one a caller with its own execution environment in AWS. */
    static final int THREADS = 8;

    private static final Logger LOG = Logger.getLogger(Rounds.class);

    /** One round of a workload: its recorded history; throws when an invariant breaks. */
    interface Round {
        History run(long seed, int size) throws Exception;
    }

    private Rounds() {
    }

    static void run(String workload, Round round) throws Exception {
        long seed = Long.getLong("history.seed", CI_SEED);
        int size = Integer.getInteger("history.size", 40);
        Duration duration = Duration.parse(System.getProperty("history.duration", "PT0S"));
        long until = System.nanoTime() + duration.toNanos();
        int rounds = 0;
        long requests = 0;
        long attempts = 0;
        Map<String, Long> before = FaultInjector.counts();
        do {
            long roundSeed = seed + rounds;
            LOG.infof("history %s: seed %d, size %d (replay: -Dhistory.seed=%d -Dhistory.size=%d)", workload,
                    roundSeed, size, roundSeed, size);
            History history;
            try {
                history = round.run(roundSeed, size);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("history " + workload + " failed with seed " + roundSeed + ", size " + size
                        + ": " + e.getMessage(), e);
            } finally {
                faultsOff();
            }
            LOG.infof("history %s: seed %d: %s", workload, roundSeed, history.summary());
            requests += history.calls().size();
            attempts += history.calls().stream().mapToInt(call -> call.statuses().size()).sum();
            rounds++;
        } while (System.nanoTime() < until);
        Map<String, Long> injected = injectedSince(before);
        LOG.infof("history %s: %d rounds, %d requests, %d attempts, %d faults injected %s", workload, rounds,
                requests, attempts, injected.values().stream().mapToLong(Long::longValue).sum(), injected);
        assertTrue(injected.keySet().stream().anyMatch(key -> key.startsWith("after-commit")),
                "no ambiguous commit was injected: " + injected);
    }

    /** Turns every fault on for the round, drawn from its seed. */
    static void faultsOn(long seed) {
        FaultInjector.install(FaultSpec.parse(System.getProperty("history.faults", FAULTS) + ",seed=" + seed));
    }

    /** Turns the faults off: the checks read the table as it is. */
    static void faultsOff() {
        FaultInjector.clearScript();
        FaultInjector.install(null);
    }

    /** Each item on one of {@link #THREADS} client threads at once; an item's failure fails the run. */
    static <T> void concurrently(List<T> items, Function<T, Call> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
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
        }
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
}
