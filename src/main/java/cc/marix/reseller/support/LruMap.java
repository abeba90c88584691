package cc.marix.reseller.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe map of at most a given size that drops its least recently used entry when full: what a warm
 * container keeps per caller (keys' owners, unknown partners, users waiting to be counted) must stay bounded however
 * many callers one container serves.
 */
public final class LruMap {

    private LruMap() {
    }

    public static <K, V> Map<K, V> of(int maxEntries) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        });
    }
}
