package cc.marix.reseller.local;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools for the local servers: daemon threads, so a server nobody stopped never keeps a JVM alive. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Unbounded, because a long-polling {@code invocation/next} holds a thread and must never starve the others. */
    static ExecutorService pool(String name) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
