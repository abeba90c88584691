package cc.marix.reseller.testing;

import java.util.List;

import cc.marix.reseller.payment.PaymentEvent;
import cc.marix.reseller.payment.PaymentStore;

/** A payment's history as the tests read it from the table. */
public final class PaymentHistory {

    /** The start of the entry a callback leaves when its provider did not confirm it. */
    public static final String NOT_CONFIRMED = "not confirmed: the callback says ";

    private PaymentHistory() {
    }

    /** The start of the entry a callback leaves when {@code provider} could not be asked. */
    public static String notAsked(String provider) {
        return "not confirmed: " + provider + " could not be asked";
    }

    /** The payment's entries whose detail starts with {@code prefix}. */
    public static List<PaymentEvent> entries(PaymentStore payments, String paymentId, String prefix) {
        return payments.find(paymentId).orElseThrow().events().stream()
                .filter(event -> event.detail().startsWith(prefix)).toList();
    }
}
