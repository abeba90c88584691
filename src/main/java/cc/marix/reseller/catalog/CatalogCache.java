package cc.marix.reseller.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The catalog (without stock) held by a warm container: each request reads the catalog's version (one GetItem of a
 * tiny item, {@link CatalogVersion}) and is answered from the snapshot it holds while the version is unchanged, so
 * a page costs the same whether the catalog has a hundred products or ten thousand. When the version moved, the
 * container reads the catalog again (1 + c Queries for c categories), once per change.
 *
 * <p>Why it is right: an import writes its items, then moves the version. A snapshot is tagged with the version read
 * <em>before</em> it was loaded, so it holds at least what that version promised; anything written later comes with
 * a later version, which the next request sees (a consistent read) and reloads for. The products come from gsi1,
 * which may trail the table by a moment: a snapshot loaded within {@link #SETTLE} of the change is read once more
 * after that. An import that dies between its writes and the version's move is covered by {@link #MAX_AGE}.
 */
@ApplicationScoped
public class CatalogCache {

    /** How long after a change gsi1 is given to catch up; a snapshot loaded sooner is read again after it. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    /** The longest a snapshot is kept even when the version does not move. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final CatalogVersion versions;
    private final CatalogReader reader;
    private final Clock clock;
    private final Object loading = new Object();
    private volatile CatalogSnapshot held;

    public CatalogCache(CatalogVersion versions, CatalogReader reader, Clock clock) {
        this.versions = versions;
        this.reader = reader;
        this.clock = clock;
    }

    /** The catalog as of now: the held snapshot while it serves, else a fresh one. */
    CatalogSnapshot current() {
        CatalogVersion.Stamp stamp = versions.read();
        CatalogSnapshot snapshot = held;
        if (snapshot != null && snapshot.serves(stamp, clock.instant(), SETTLE, MAX_AGE)) {
            return snapshot;
        }
        // one load per container at a time: requests that queued behind it take what it loaded if it serves them
        synchronized (loading) {
            snapshot = held;
            Instant now = clock.instant();
            if (snapshot == null || !snapshot.serves(stamp, now, SETTLE, MAX_AGE)) {
                snapshot = reader.load(stamp, now);
                held = snapshot;
            }
            return snapshot;
        }
    }
}
