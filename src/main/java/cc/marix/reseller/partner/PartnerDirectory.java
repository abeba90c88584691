package cc.marix.reseller.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.support.LruMap;

/**
 * Partners as a warm function sees them: cached for {@code app.partner.cache-ttl}, so a notification costs no read
 * of the partner. A signature that fails against the cached secrets triggers one fresh read (a rotation may have
 * just happened), at most once per {@link #MIN_REFRESH} per partner, so bad signatures cannot hammer the table.
 * Unknown slugs are remembered only for {@link #MIN_REFRESH}, in a small LRU of their own, so a partner created a
 * moment ago is found at once and probing with random slugs cannot push real partners out.
 */
@ApplicationScoped
public class PartnerDirectory {

    static final Duration MIN_REFRESH = Duration.ofSeconds(1);
    static final int MAX_MISSES = 1_000;

    private final PartnerStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> misses = LruMap.of(MAX_MISSES);

    public PartnerDirectory(PartnerStore store, Clock clock, AppConfig config) {
        this.store = store;
        this.clock = clock;
        this.ttl = config.partner().cacheTtl();
    }

    public Optional<Partner> find(String slug) {
        Instant now = clock.instant();
        Cached cached = cache.get(slug);
        if (cached != null && cached.loadedAt.plus(ttl).isAfter(now)) {
            return Optional.of(cached.partner);
        }
        Instant missed = misses.get(slug);
        if (missed != null && missed.plus(MIN_REFRESH).isAfter(now)) {
            return Optional.empty();
        }
        return load(slug, now);
    }

    /** Reads the partner again unless it was read within {@link #MIN_REFRESH}; answers what is then known. */
    public Optional<Partner> refresh(String slug) {
        Instant now = clock.instant();
        Cached cached = cache.get(slug);
        if (cached != null && cached.loadedAt.plus(MIN_REFRESH).isAfter(now)) {
            return Optional.of(cached.partner);
        }
        return load(slug, now);
    }

    public void forget(String slug) {
        cache.remove(slug);
        misses.remove(slug);
    }

    private Optional<Partner> load(String slug, Instant now) {
        Optional<Partner> partner = store.find(slug);
        if (partner.isPresent()) {
            cache.put(slug, new Cached(partner.get(), now));
            misses.remove(slug);
        } else {
            cache.remove(slug);
            misses.put(slug, now);
        }
        return partner;
    }

    private record Cached(Partner partner, Instant loadedAt) {
    }
}
