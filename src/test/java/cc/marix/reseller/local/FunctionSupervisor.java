package cc.marix.reseller.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import cc.marix.reseller.support.CrashPoints;

/**
 * Keeps a function process serving a {@link LocalLambdaRuntime}, as Lambda keeps an execution environment for a
 * function: when the process dies (halted at a crash point, killed, out of memory), the invocation it was running
 * fails as Lambda fails it ({@code Runtime.ExitError}: a Function URL answers 502, an event source or a client
 * retries) and a new process is started for what comes next, which waits in the runtime's queue meanwhile.
 *
 * <p>{@code CRASH_AT} goes to every process until one dies at its crash point (the halt's exit status): an armed
 * crash point fires once per supervisor (once per run-local), so the replacement can finish the work the death
 * interrupted instead of dying at the same place; a death of another kind before it leaves it armed.
 * A process that dies while starting is not replaced (it would die again): {@link #waitFor} then returns its exit
 * status.
 */
final class FunctionSupervisor implements AutoCloseable {

    static final String CRASH_AT = "CRASH_AT";

    private final LocalLayout layout;
    private final String function;
    private final LocalLambdaRuntime runtime;
    private final Map<String, String> environment;
    private final Duration startLimit;
    private final PrintStream log;
    private final AtomicInteger restarts = new AtomicInteger();
    private final CompletableFuture<Integer> stopped = new CompletableFuture<>();
    private final Thread watcher;
    private volatile FunctionProcess current;
    private volatile boolean closed;

    private FunctionSupervisor(LocalLayout layout, String function, LocalLambdaRuntime runtime,
            Map<String, String> environment, Duration startLimit, PrintStream log) {
        this.layout = layout;
        this.function = function;
        this.runtime = runtime;
        this.environment = new LinkedHashMap<>(environment);
        this.startLimit = startLimit;
        this.log = log;
        this.watcher = new Thread(this::watch, function + "-supervisor");
        watcher.setDaemon(true);
    }

    /**
     * Starts the function process as {@link FunctionProcess#start(LocalLayout, String, String, Map)} does, and waits
     * until it polls the runtime; from then on, replaces it whenever it dies.
     */
    static FunctionSupervisor start(LocalLayout layout, String function, LocalLambdaRuntime runtime,
            Map<String, String> environment, Duration startLimit, PrintStream log) throws InterruptedException {
        FunctionSupervisor supervisor = new FunctionSupervisor(layout, function, runtime, environment, startLimit,
                log);
        supervisor.current = FunctionProcess.start(layout, function, runtime.address(), supervisor.environment);
        try {
            supervisor.current.awaitReady(runtime, startLimit);
        } catch (RuntimeException | InterruptedException e) {
            supervisor.close();
            throw e;
        }
        supervisor.watcher.start();
        return supervisor;
    }

    /** How many times a dead process was replaced. */
    int restarts() {
        return restarts.get();
    }

    /** Waits until {@code count} dead processes have been replaced by ready ones; false if {@code limit} passed. */
    boolean awaitRestarts(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (restarts.get() < count) {
            if (System.nanoTime() > deadline || stopped.isDone()) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Blocks until a process dies while starting (its exit status) or the supervisor is closed (-1). */
    int waitFor() throws InterruptedException {
        try {
            return stopped.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void watch() {
        try {
            while (!closed) {
                int status = current.waitFor();
                if (closed) {
                    return;
                }
                runtime.processExited(status);
                boolean disarm = environment.containsKey(CRASH_AT) && diedAtCrashPoint(status);
                log.println("run-local: the function process exited (code " + status + "); what it was running failed"
                        + " as at Lambda (" + LocalLambdaRuntime.EXIT_ERROR + "); starting a new one"
                        + (disarm ? " without " + CRASH_AT + " (a crash point fires once per run)" : ""));
                log.flush();
                if (disarm) {
                    environment.remove(CRASH_AT);
                }
                FunctionProcess next;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    next = FunctionProcess.start(layout, function, runtime.address(), environment);
                    current = next;
                }
                next.awaitReady(runtime, startLimit);
                restarts.incrementAndGet();
            }
        } catch (RuntimeException e) {
            if (closed) {
                return; // the process was stopped under its start
            }
            log.println("run-local: " + e.getMessage());
            log.flush();
            FunctionProcess failed = current;
            failed.close();
            stopped.complete(failed.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.complete(-1);
        }
    }

    /**
     * Whether a process's death was its crash point firing: the halt's exit status. Any other death (an exception
     * that ended it, a SIGTERM) leaves the point armed, so the replacement still dies where the run asked.
     */
    static boolean diedAtCrashPoint(int exitStatus) {
        return exitStatus == CrashPoints.KILLED;
    }

    @Override
    public void close() {
        FunctionProcess process;
        synchronized (this) {
            closed = true;
            process = current;
        }
        watcher.interrupt();
        if (process != null) {
            process.close();
        }
        // A poll the stopped process left parked must not take the next invocation (another process may follow).
        runtime.processExited(process == null ? -1 : process.exitValue());
        stopped.complete(-1);
    }
}
