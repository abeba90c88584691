package cc.marix.reseller.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.support.LruMap;

/**
 * API keys' owners as a warm function sees them: an active owner is kept for {@link #TTL} (the longest a revoked or
 * rotated key, or a deactivated user, keeps working in a container that saw it), so a client's burst costs one read of
 * its key per container and minute instead of one per request. Only active owners are kept: an unknown key and a
 * deactivated user are read again on every request, so a key issued or a user reactivated a moment ago works at once
 * (an unknown key costs one GetItem, as it did before, and the API's throttling bounds how many arrive). At most
 * {@link #MAX_KEYS} keys, least recently used out first.
 */
@ApplicationScoped
public class KeyOwners {

    /** How long a key's owner is trusted without reading it again. */
    public static final Duration TTL = Duration.ofSeconds(60);
    static final int MAX_KEYS = 10_000;

    private record Cached(UserStore.KeyOwner owner, Instant until) {
    }

    private final UserStore users;
    private final Clock clock;
    private final Map<String, Cached> cache = LruMap.of(MAX_KEYS);

    public KeyOwners(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    /** The owner of the key with this hash: from the cache while it is fresh, else one GetItem. */
    public Optional<UserStore.KeyOwner> ownerOf(String keyHash) {
        Instant now = clock.instant();
        Cached cached = cache.get(keyHash);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.owner());
        }
        Optional<UserStore.KeyOwner> owner = users.ownerOf(keyHash);
        if (owner.isPresent() && owner.get().active()) {
            cache.put(keyHash, new Cached(owner.get(), now.plus(TTL)));
        } else {
            cache.remove(keyHash);
        }
        return owner;
    }
}
