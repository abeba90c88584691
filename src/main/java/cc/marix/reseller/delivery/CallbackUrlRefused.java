package cc.marix.reseller.delivery;

/**
 * A callback URL we will not call now, with the reason in words a partner can act on. {@link #transientFailure()}
 * marks a host that did not resolve: DNS may come back, so a send is retried rather than given up.
 */
public class CallbackUrlRefused extends Exception {

    private final boolean transientFailure;

    public CallbackUrlRefused(String reason) {
        this(reason, false);
    }

    public CallbackUrlRefused(String reason, boolean transientFailure) {
        super(reason);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
