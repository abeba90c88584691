package cc.marix.reseller.support;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Arms {@link CrashPoints} when {@code CRASH_AT} (config key crash-at) names a point: the local runtime's way to kill
 * the packaged function there. An unknown name fails the start-up with the known ones.
 */
@ApplicationScoped
public class CrashSwitch {

    private static final Logger LOG = Logger.getLogger(CrashSwitch.class);

    /** The environment variable CRASH_AT, read as the config key "crash-at". */
    @ConfigProperty(name = "crash-at")
    Optional<String> crashAt;

    void onStart(@Observes StartupEvent start) {
        if (crashAt.isEmpty() || crashAt.get().isBlank()) {
            return;
        }
        CrashPoints.armToHalt(crashAt.get().trim());
        LOG.warnf("crash point armed: the process halts at %s", crashAt.get().trim());
    }
}
