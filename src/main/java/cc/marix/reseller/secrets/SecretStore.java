package cc.marix.reseller.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * The secrets this container has read, each used for {@link SecretsConfig#ttl()} and then read again. A read that
 * fails after a secret was once read keeps the last value and tries again a little later: a hiccup of the extension
 * must not stop payments, and a revoked credential is refused by its provider anyway. Logs name secrets, never
 * values.
 */
@ApplicationScoped
public class SecretStore {

    /** After a failed refresh the last value serves this long before the next attempt. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(SecretStore.class);

    private final SecretsExtensionClient extension;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    public SecretStore(SecretsConfig config, Clock clock) {
        this(new SecretsExtensionClient(config.port(), config.sessionToken().orElse(""), config.timeout()), clock,
                config.ttl());
    }

    SecretStore(SecretsExtensionClient extension, Clock clock, Duration ttl) {
        this.extension = extension;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** {@code field} of {@code secretId}; fails naming both if the secret cannot be read or lacks the field. */
    public String field(String secretId, String field) {
        String value = fields(secretId).get(field);
        if (value == null || value.isBlank()) {
            throw new SecretsException("secret " + secretId + ": no field " + field);
        }
        return value;
    }

    private Map<String, String> fields(String secretId) {
        return entries.compute(secretId, (id, cached) -> {
            Instant now = clock.instant();
            if (cached != null && now.isBefore(cached.readAgainAt())) {
                return cached;
            }
            try {
                Map<String, String> fields = Map.copyOf(extension.fields(id));
                LOG.debugf("secret %s read", id);
                return new Entry(fields, now.plus(ttl));
            } catch (SecretsException e) {
                if (cached == null) {
                    throw e;
                }
                LOG.warnf("%s; its last value serves until the next attempt", e.getMessage());
                return new Entry(cached.fields(), now.plus(RETRY_AFTER_FAILURE));
            }
        }).fields();
    }

    private record Entry(Map<String, String> fields, Instant readAgainAt) {
    }
}
