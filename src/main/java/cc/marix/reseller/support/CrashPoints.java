package cc.marix.reseller.support;

import java.util.Set;

import org.jboss.logging.Logger;

/**
 * Named places where a process death is most costly: after an effect outside DynamoDB (a mail server accepted an
 * e-mail, a provider confirmed a payment, a partner acknowledged a callback) and before the write that records it,
 * between the two steps of a balance-paid order, and in the middle of each scheduled job. {@link #reached} is a no-op
 * unless a point is armed: by {@code CRASH_AT} (config key crash-at, {@link CrashSwitch}), which halts the process
 * there as a Lambda container killed mid-request would be, or by a test ({@link #arm}), which throws
 * {@link ProcessCrash} so that nothing after the point runs and the invocation fails without an answer, as a dead
 * process's would ({@link #HEADER}). Either way the point fires once: what runs next is the recovery under test.
 * Never armed in AWS unless someone sets {@code CRASH_AT} there; template.yaml does not.
 */
public final class CrashPoints {

    public static final String AFTER_MAIL_ACCEPTED = "after-mail-accepted";
    public static final String AFTER_PAYMENT_CONFIRMED = "after-payment-confirmed";
    public static final String AFTER_CALLBACK_ACKNOWLEDGED = "after-callback-acknowledged";
    public static final String BETWEEN_ORDER_STEPS = "between-order-steps";
    public static final String MID_ORDER_EXPIRY = "mid-order-expiry";
    public static final String MID_DELIVERY_RETRY = "mid-delivery-retry";
    public static final String MID_PAYMENT_RECONCILE = "mid-payment-reconcile";
    public static final Set<String> ALL = Set.of(AFTER_MAIL_ACCEPTED, AFTER_PAYMENT_CONFIRMED,
            AFTER_CALLBACK_ACKNOWLEDGED, BETWEEN_ORDER_STEPS, MID_ORDER_EXPIRY, MID_DELIVERY_RETRY,
            MID_PAYMENT_RECONCILE);

    /**
     * Carries a {@link ProcessCrash} from the HTTP layer, which maps every throwable to a response, to the handler's
     * edge, which turns it into a failed invocation ({@link Died}); never seen by a caller.
     */
    public static final String HEADER = "X-Crash-Point";
    /** Exit status of a halted process: what a SIGKILL leaves. */
    public static final int KILLED = 137;
    private static final Logger LOG = Logger.getLogger(CrashPoints.class);

    private static volatile String armed;
    private static volatile boolean halts;

    private CrashPoints() {
    }

    /** The process dies here if this point is armed (once); otherwise nothing happens. */
    public static void reached(String point) {
        if (armed == null || !armed.equals(point) || !disarm(point)) {
            return;
        }
        LOG.warnf("crash point reached: %s", point);
        if (halts) {
            Runtime.getRuntime().halt(KILLED);
        }
        throw new ProcessCrash(point);
    }

    /** Tests: the next time {@code point} is reached the invocation dies there (a {@link ProcessCrash}). */
    public static void arm(String point) {
        armTo(point, false);
    }

    /** CRASH_AT: the next time {@code point} is reached the process halts. */
    static void armToHalt(String point) {
        armTo(point, true);
    }

    /** Forgets an armed point not yet reached. */
    public static synchronized void disarm() {
        armed = null;
    }

    /** The armed point, if it has not fired yet. */
    public static String armed() {
        return armed;
    }

    private static synchronized void armTo(String point, boolean halt) {
        if (!ALL.contains(point)) {
            throw new IllegalArgumentException("unknown crash point '" + point + "'; known: " + ALL);
        }
        halts = halt;
        armed = point;
    }

    /** Only the first of racing threads fires. */
    private static synchronized boolean disarm(String point) {
        if (!point.equals(armed)) {
            return false;
        }
        armed = null;
        return true;
    }

    /**
     * The death of the process at a crash point, in tests where the process is shared. An Error, so no handler's
     * catch of RuntimeException treats it as a failure to record: nothing after the point runs.
     */
    public static final class ProcessCrash extends Error {

        private static final long serialVersionUID = 1L;

        private final String point;

        ProcessCrash(String point) {
            super("crashed at " + point);
            this.point = point;
        }

        public String point() {
            return point;
        }
    }

    /** The invocation's end after a {@link ProcessCrash}: failed, with no answer, as a killed process's. */
    public static final class Died extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Died(String point) {
            super("the process died at " + point);
        }
    }
}
