package cc.marix.reseller.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One change of a payment record, for one piece of provider news. It applies only while the news is unseen and the
 * record is still in the status it was read in, so of two writers racing only one changes it.
 *
 * @param read     the payment as read: its status is the condition
 * @param update   the news (its hash is recorded, its status is the new provider status when {@code advance})
 * @param event    the history entry
 * @param to       the new status; null keeps it
 * @param credited what the payment credited; null for none
 * @param flag     a flag to add; null for none
 * @param advance  whether the provider status moves to the update's (conditional on its rank being higher)
 * @param checkAt  when the reconcile function should look at it next; null leaves that as it is
 * @param close    whether the payment leaves the reconcile function's list
 */
public record PaymentChange(Payment read, ProviderUpdate update, PaymentEvent event, PaymentStatus to,
        BigDecimal credited, String flag, boolean advance, Instant checkAt, boolean close) {

    /** Records the news as an event and changes nothing else. */
    public static PaymentChange note(Payment read, ProviderUpdate update, PaymentEvent event) {
        return new PaymentChange(read, update, event, null, null, null, false, null, false);
    }
}
