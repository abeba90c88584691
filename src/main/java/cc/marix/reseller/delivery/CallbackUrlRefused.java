package cc.marix.reseller.delivery;

/** A callback URL we will not call, with the reason in words a partner can act on. */
public class CallbackUrlRefused extends Exception {

    public CallbackUrlRefused(String reason) {
        super(reason);
    }
}
