package cc.marix.reseller.provider;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.metrics.Metric;
import cc.marix.reseller.metrics.Metrics;
import cc.marix.reseller.payment.Provider;

/**
 * Calls a provider and turns its failures into our clear errors: a provider that answered with an error is 502
 * {@code provider_error}; one that could not be reached or did not answer in time is 503
 * {@code provider_unavailable} with a Retry-After. The caller has written nothing before the call, so either leaves
 * nothing half-created.
 */
public final class ProviderCalls {

    private static final Logger LOG = Logger.getLogger(ProviderCalls.class);
    static final int RETRY_AFTER_SECONDS = 30;

    private ProviderCalls() {
    }

    public static <T> T call(Provider provider, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException answered) {
            int status = answered.getResponse().getStatus();
            LOG.warnf("%s: %s answered %d", provider.wire(), what, status);
            throw new ApiException(502, "provider_error", provider.wire() + " refused to " + what + " (HTTP "
                    + status + "); nothing was created");
        } catch (ProcessingException unreachable) {
            // types only: a provider's error text may echo our credentials or the customer's data
            LOG.warnf("%s: %s failed (%s)", provider.wire(), what, rootType(unreachable));
            Metrics.count(Metric.PROVIDER_UNREACHABLE, provider.wire());
            throw new ApiException(503, "provider_unavailable", provider.wire() + " did not answer; nothing was "
                    + "created; retry shortly", null, Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
        }
    }

    /** The answer is unusable (a field missing): as bad as an error answer. */
    public static ApiException badAnswer(Provider provider, String what) {
        LOG.warnf("%s: unusable answer to %s", provider.wire(), what);
        return new ApiException(502, "provider_error", provider.wire() + " gave an unusable answer to " + what
                + "; nothing was created");
    }

    private static String rootType(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
