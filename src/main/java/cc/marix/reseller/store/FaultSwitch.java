package cc.marix.reseller.store;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Turns {@link FaultInjector} on when {@code FAULTS} (config key faults) is set, after the table bootstrap, so a local
 * run's own table creation is never faulted. A malformed value fails the start-up with the reason.
 */
@ApplicationScoped
public class FaultSwitch {

    private static final Logger LOG = Logger.getLogger(FaultSwitch.class);
    /** Later than the default observers (TableBootstrap's). */
    private static final int AFTER_BOOTSTRAP = 5000;

    /** The environment variable FAULTS, read as the config key "faults". */
    @ConfigProperty(name = "faults")
    Optional<String> faults;

    void onStart(@Observes @Priority(AFTER_BOOTSTRAP) StartupEvent start) {
        apply(faults);
    }

    static void apply(Optional<String> faults) {
        if (faults.isEmpty() || faults.get().isBlank()) {
            FaultInjector.install(null);
            return;
        }
        FaultSpec spec = FaultSpec.parse(faults.get());
        FaultInjector.install(spec);
        LOG.infof("fault injection is ON: %s", faults.get().trim());
    }
}
