package cc.marix.reseller.stock;

import java.util.OptionalLong;

import cc.marix.reseller.metrics.Metric;
import cc.marix.reseller.metrics.Metrics;

/**
 * A product's available codes, reported where they are known for free (functions.md, "Metrics"): an order's Query
 * asks for more codes than it takes ({@link CodeStore#PICK_SLACK}), so when it finds fewer than it asked for it has
 * seen every available code, and the level after its claim is exact. Finding as many as asked proves only "plenty",
 * which is not reported: learning more would cost a round trip the order paths do not have.
 */
public final class StockLevel {

    private StockLevel() {
    }

    /** The level after {@code claimed} codes were taken, if a Query that asked for {@code asked} proved it. */
    public static OptionalLong afterClaim(int found, int asked, int claimed) {
        return found < asked ? OptionalLong.of(Math.max(0, found - claimed)) : OptionalLong.empty();
    }

    public static void reportAfterClaim(String productId, int found, int asked, int claimed) {
        afterClaim(found, asked, claimed).ifPresent(level -> report(productId, level));
    }

    public static void report(String productId, long level) {
        Metrics.level(Metric.STOCK_AVAILABLE, productId, level);
    }
}
