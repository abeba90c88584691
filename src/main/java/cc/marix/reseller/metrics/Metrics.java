package cc.marix.reseller.metrics;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * Counts business events into the current invocation's {@link InvocationMetrics}, which lives in the request's own
 * Vert.x context (every invocation, HTTP or event, is one request there): so the counting code needs no injection,
 * static helpers included, and nothing counted in one invocation can reach another. Outside an invocation (start-up)
 * nothing is counted.
 */
public final class Metrics {

    /** The key of the current invocation's metrics among the request context's locals. */
    public static final String LOCAL_KEY = "cc.marix.reseller.metrics";
    private static final Logger LOG = Logger.getLogger(Metrics.class);
    /** CloudWatch takes dimension values up to 1024 characters; ours (slugs, ids, provider names) are far shorter. */
    static final int MAX_DIMENSION_VALUE = 256;

    private Metrics() {
    }

    /** One more of a metric that has no dimension. */
    public static void count(Metric metric) {
        record(metric, null, 1);
    }

    /** One more of a metric, for this value of its dimension (a partner's slug, a provider's name). */
    public static void count(Metric metric, String dimensionValue) {
        record(metric, dimensionValue, 1);
    }

    /** The level a {@link Metric.Kind#LEVEL} metric has now, for this value of its dimension. */
    public static void level(Metric metric, String dimensionValue, long value) {
        record(metric, dimensionValue, value);
    }

    /**
     * Starts counting for the invocation whose request context is current. Quarkus serves every HTTP request on a
     * context of its own (a duplicated one); should one come without, it goes uncounted rather than unanswered.
     */
    public static void open(InvocationMetrics metrics) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(LOCAL_KEY, metrics);
        } else {
            LOG.warn("an invocation outside a request context: its metrics are not counted");
        }
    }

    public static Optional<InvocationMetrics> current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(LOCAL_KEY) : Optional.empty();
    }

    private static void record(Metric metric, String dimensionValue, long value) {
        if (!fits(metric, dimensionValue)) {
            // a metric is never worth a failed order; the value is not logged (it was to be a dimension, not a log)
            LOG.warnf("metric %s not counted: its dimension value is missing or unusable", metric.cloudWatchName());
            return;
        }
        current().ifPresent(metrics -> metrics.add(metric, dimensionValue, value));
    }

    static boolean fits(Metric metric, String dimensionValue) {
        if (metric.dimension() == Metric.Dimension.NONE) {
            return dimensionValue == null;
        }
        return dimensionValue != null && !dimensionValue.isBlank() && dimensionValue.length() <= MAX_DIMENSION_VALUE
                && dimensionValue.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
