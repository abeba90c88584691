package cc.marix.reseller.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;

/**
 * Partners as a warm function sees them: cached for {@code app.partner.cache-ttl}, so a notification costs no read
 * of the partner. A signature that fails against the cached secrets triggers one fresh read (a rotation may have
 * just happened), at most once per {@link #MIN_REFRESH} per partner, so bad signatures cannot hammer the table.
 */
@ApplicationScoped
public class PartnerDirectory {

    static final Duration MIN_REFRESH = Duration.ofSeconds(1);
    /** Unknown slugs are cached too (so probing costs no reads); past this many entries the cache starts over. */
    static final int MAX_ENTRIES = 10_000;

    private final PartnerStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public PartnerDirectory(PartnerStore store, Clock clock, AppConfig config) {
        this.store = store;
        this.clock = clock;
        this.ttl = config.partner().cacheTtl();
    }

    public Optional<Partner> find(String slug) {
        Instant now = clock.instant();
        Cached cached = cache.get(slug);
        if (cached != null && cached.loadedAt.plus(ttl).isAfter(now)) {
            return cached.partner;
        }
        return load(slug, now);
    }

    /** Reads the partner again unless it was read within {@link #MIN_REFRESH}; answers what is then known. */
    public Optional<Partner> refresh(String slug) {
        Instant now = clock.instant();
        Cached cached = cache.get(slug);
        if (cached != null && cached.loadedAt.plus(MIN_REFRESH).isAfter(now)) {
            return cached.partner;
        }
        return load(slug, now);
    }

    public void forget(String slug) {
        cache.remove(slug);
    }

    private Optional<Partner> load(String slug, Instant now) {
        Optional<Partner> partner = store.find(slug);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(slug, new Cached(partner, now));
        return partner;
    }

    private record Cached(Optional<Partner> partner, Instant loadedAt) {
    }
}
