package cc.marix.reseller.lambda;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

import io.vertx.core.impl.ContextInternal;

/**
 * Runs one event's request on the thread that called the handler, with the request's Vert.x context current: the
 * Lambda runtime's thread waits for the answer anyway and serves one event at a time, so handing the request to an
 * event loop and then (for a blocking resource) to a worker thread only cost two thread hand-offs per request. Off an
 * event loop, RESTEasy Reactive runs a blocking resource where it is. A step scheduled here during the dispatch (a
 * body hand-over a reader did not ask for: {@link EventRequest} hands it over after the call, as Vert.x does) runs on
 * the same thread once the current step returns; one scheduled after the dispatch has returned goes to the context's
 * event loop.
 */
final class CallerTurns implements Executor {

    private final ContextInternal context;
    // guarded by this
    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    private boolean open = true;

    CallerTurns(ContextInternal context) {
        this.context = context;
    }

    /** Runs {@code first} and then every step it schedules, until none is left; returns without waiting for more. */
    void runAll(Runnable first) {
        Runnable next = first;
        while (next != null) {
            context.dispatch(next);
            synchronized (this) {
                next = queued.poll();
                if (next == null) {
                    open = false;
                }
            }
        }
    }

    @Override
    public void execute(Runnable step) {
        synchronized (this) {
            if (open) {
                queued.add(step);
                return;
            }
        }
        context.runOnContext(ignored -> step.run());
    }
}
