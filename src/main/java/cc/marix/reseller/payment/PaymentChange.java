package cc.marix.reseller.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One change of a payment record, for one piece of provider news. It applies only while the news is unseen and, when
 * it moves anything, while the record is still in the status (and, for a status change, the provider rank) it was
 * read in, so of two writers racing only one changes it and the other decides again on what it reads next.
 *
 * @param read     the payment as read: its status is the condition
 * @param update   the news (its hash is recorded, its status is the new provider status when {@code advance})
 * @param event    the history entry
 * @param to       the new status; null keeps it
 * @param credited what the payment credited; null for none
 * @param flags    flags to add
 * @param advance  whether the provider status moves to the update's (conditional on its rank being higher)
 * @param checkAt  when the reconcile function should look at it next; null leaves that as it is
 * @param close    whether the payment leaves the reconcile function's list
 */
public record PaymentChange(Payment read, ProviderUpdate update, PaymentEvent event, PaymentStatus to,
        BigDecimal credited, List<String> flags, boolean advance, Instant checkAt, boolean close) {

    /** Records the news as an event and changes nothing else. */
    public static PaymentChange note(Payment read, ProviderUpdate update, PaymentEvent event) {
        return new PaymentChange(read, update, event, null, null, List.of(), false, null, false);
    }
}
