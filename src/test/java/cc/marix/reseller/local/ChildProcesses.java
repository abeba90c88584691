package cc.marix.reseller.local;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What every child process of a local run needs: its output on our stderr, and a clean stop. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Copies the child's output to stderr, so stdout stays the caller's (invoke.sh prints only JSON there). */
    static Thread copyOutput(Process process, String name) {
        Thread copier = new Thread(() -> copy(process.getInputStream()), name);
        copier.setDaemon(true);
        copier.start();
        return copier;
    }

    /** SIGTERM, then SIGKILL if the child lingers past {@code grace}. */
    static void stop(Process process, Thread copier, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            copier.join(1000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(InputStream output) {
        try (output) {
            output.transferTo(System.err);
        } catch (IOException ignored) {
            // The child is gone; nothing left to copy.
        }
    }
}
