package cc.marix.reseller.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cc.marix.reseller.account.BalanceStore;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.apiorder.OrderPayments;
import cc.marix.reseller.metrics.Metric;
import cc.marix.reseller.metrics.Metrics;
import cc.marix.reseller.store.Cancellation;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Backoff;
import cc.marix.reseller.support.LogContext;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Applies what a provider said about a payment, from a callback or a poll, the same way: news already applied does
 * nothing; a provider status only moves forward (a late, earlier status is recorded and changes nothing); "paid"
 * credits exactly once (the balance, or the order through {@link OrderPayments}); a refund takes the credit back
 * through the ledger. Every change is conditional on the payment's status as read, so of concurrent copies of one
 * callback only one changes anything; the others find the news applied when they read again.
 */
@ApplicationScoped
public class PaymentProgress {

    private static final Logger LOG = Logger.getLogger(PaymentProgress.class);
    static final int ATTEMPTS = 10;
    public static final String REFUND_SHORTFALL = "refund_shortfall";
    public static final String REFUNDED_AFTER_DELIVERY = "refunded_after_delivery";
    /** An order payment whose money went to the balance (the order could not take it, or it was underpaid). */
    public static final String CREDITED_TO_BALANCE = "credited_to_balance";
    /**
     * Internal flags of a top-up whose money the provider said is on its way: its quote was put in the balance's
     * {@code pending} bucket, and (once credited, failed or refunded) taken out again. Flags are only ever added, so
     * a payment holds pending while it has the first and not the second.
     */
    public static final String PENDING_HELD = "pending_held";
    public static final String PENDING_RELEASED = "pending_released";
    /** The history entry of a callback the provider's answer did not confirm. */
    public static final String UNCONFIRMED = "unconfirmed";
    /** The history entry of a callback the provider could not be asked about. */
    public static final String UNCONFIRMABLE = "unconfirmable";
    /** Beyond this many history entries, news that changes nothing is not recorded. */
    static final int MAX_EVENTS = 200;

    /** What applying the news did. */
    public enum Applied {
        /** This news was applied before. */
        DUPLICATE,
        /** Recorded only: late, or nothing to change. */
        RECORDED,
        /** The provider status moved forward. */
        ADVANCED,
        /** Final: paid and credited (or the order paid). */
        CREDITED,
        /** Final: failed or expired. */
        CLOSED,
        /** The credit was taken back. */
        REFUNDED,
        /** Recorded only: a callback the provider's own answer did not confirm; nothing else changed. */
        UNCONFIRMED
    }

    private final PaymentStore payments;
    private final BalanceStore balances;
    private final OrderPayments orderPayments;
    private final DynamoDbClient dynamo;
    private final Clock clock;

    public PaymentProgress(PaymentStore payments, BalanceStore balances, OrderPayments orderPayments,
            DynamoDbClient dynamo, Clock clock) {
        this.payments = payments;
        this.balances = balances;
        this.orderPayments = orderPayments;
        this.dynamo = dynamo;
        this.clock = clock;
    }

    public Applied apply(Payment read, ProviderUpdate update) {
        LogContext.paymentId(read.paymentId());
        LogContext.userId(read.userId());
        LogContext.orderId(read.orderId());
        Payment payment = read;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (payment.seen().contains(update.hash())) {
                return Applied.DUPLICATE;
            }
            Applied applied = switch (update.phase()) {
                case PROGRESS -> progress(payment, update);
                case PAID -> payment.status().payable() ? pay(payment, update) : late(payment, update);
                case FAILED, EXPIRED -> closable(payment, update) ? close(payment, update) : late(payment, update);
                case REFUNDED -> payment.status() == PaymentStatus.COMPLETED ? refund(payment, update)
                        : payment.status().payable() ? refundedUnpaid(payment, update) : late(payment, update);
            };
            if (applied != null) {
                return applied;
            }
            // refused: another writer changed it first; look again
            Backoff.pause(attempt);
            payment = payments.find(payment.paymentId()).orElseThrow();
        }
        throw ApiException.unavailable("contention", "the payment could not be updated now; retry shortly", 1);
    }

    /**
     * Records a callback that was not applied because the provider did not confirm it ({@code kind}: {@link
     * #UNCONFIRMED} or {@link #UNCONFIRMABLE}), and nothing else. Its entry is seen under a hash of its own, so the
     * callback itself stays unseen: a retry is asked about again and applied once the provider agrees, and copies of
     * it record one entry.
     */
    public Applied unconfirmed(Payment payment, ProviderUpdate claimed, String kind, String detail) {
        ProviderUpdate note = new ProviderUpdate(claimed.status(), claimed.phase(), claimed.rank(), claimed.received(),
                kind + ":" + claimed.hash(), claimed.origin());
        if (payment.events().size() < MAX_EVENTS && !payment.seen().contains(note.hash())) {
            // refused: a copy of the callback recorded it first
            payments.apply(PaymentChange.note(payment, note, event(note, detail)));
        }
        return Applied.UNCONFIRMED;
    }

    /**
     * Moves the provider status forward. Money on its way to a payment whose quote expired meanwhile (the buyer paid
     * late) puts it back on the reconcile function's list, so its final status is not missed.
     */
    private Applied progress(Payment payment, ProviderUpdate update) {
        boolean paidLate = payment.status() == PaymentStatus.EXPIRED
                && update.rank() >= ProviderUpdate.MONEY_IN_FLIGHT;
        if ((payment.status() != PaymentStatus.PENDING && !paidLate) || update.rank() <= payment.providerRank()) {
            return late(payment, update);
        }
        boolean hold = payment.purpose() != PaymentPurpose.ORDER && update.rank() >= ProviderUpdate.MONEY_IN_FLIGHT
                && !payment.flags().contains(PENDING_HELD);
        PaymentEvent event = event(update, "provider status " + payment.providerStatus() + " -> " + update.status()
                + (paidLate ? "; money on its way after the quote expired: watched until final" : "")
                + (hold ? "; " + quote(payment) + " pending in the balance" : ""));
        PaymentChange change = new PaymentChange(payment, update, event, null, null,
                hold ? List.of(PENDING_HELD) : List.of(), true, paidLate ? clock.instant() : null, false);
        if (!hold) {
            return payments.apply(change) ? Applied.ADVANCED : null;
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(payments.write(change));
        writes.addAll(balances.holdPending(payment.userId(), payment.balanceCurrency(), payment.quoteAmount(),
                what(payment) + ": on its way", Times.api(clock.instant())));
        return transact(writes) ? Applied.ADVANCED : null;
    }

    /** Whether the top-up's quote is in the balance's pending bucket now. */
    public static boolean holdsPending(Payment payment) {
        return payment.flags().contains(PENDING_HELD) && !payment.flags().contains(PENDING_RELEASED);
    }

    /**
     * The payment's change, with its pending amount (if it holds one) leaving the pending bucket and {@code credited}
     * coming into available in the same transaction; without a pending amount, the credit alone.
     */
    private boolean changeWithBalance(PaymentChange change, BigDecimal credited, String reason) {
        Payment payment = change.read();
        String at = Times.api(clock.instant());
        List<TransactWriteItem> writes = new ArrayList<>();
        if (holdsPending(payment)) {
            List<String> flags = new ArrayList<>(change.flags());
            flags.add(PENDING_RELEASED);
            writes.add(payments.write(new PaymentChange(payment, change.update(), change.event(), change.to(),
                    change.credited(), flags, change.advance(), change.checkAt(), change.close())));
            writes.addAll(balances.settlePending(payment.userId(), payment.balanceCurrency(), payment.quoteAmount(),
                    credited, reason, at));
        } else {
            writes.add(payments.write(change));
            if (credited.signum() > 0) {
                writes.addAll(balances.receive(payment.userId(), payment.balanceCurrency(), credited, false, reason,
                        payment.orderId(), at));
            }
        }
        if (writes.size() == 1) {
            return payments.apply(change);
        }
        try {
            Transactions.write(dynamo, writes, "payment-change");
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (Cancellation.conditionFailed(cancelled, 0) || !Cancellation.conditionFailed(cancelled, 1)) {
                // the payment moved (or the news was applied by another copy): the writer decides again
                return false;
            }
        }
        // the payment as read still holds its quote in pending, but the balance's pending bucket no longer does: the
        // books disagree, and looking again cannot mend them, so an operator must (the provider's retries stay 503)
        LOG.errorf("payment %s: holds %s %s in pending, but the balance's pending bucket is short of it: for an"
                + " operator", payment.paymentId(), payment.quoteAmount().toPlainString(),
                payment.balanceCurrency().wire());
        throw ApiException.unavailable("balance_mismatch", "the payment could not be settled now; retry later", 60);
    }

    private static String what(Payment payment) {
        return payment.purpose().wire() + " payment " + payment.paymentId() + " via " + payment.provider().wire();
    }

    private static String quote(Payment payment) {
        return payment.quoteAmount().toPlainString() + " " + payment.balanceCurrency().wire();
    }

    /**
     * Recorded, nothing else: a status older than the one we have, or news for a payment already final. Once the
     * history is full (a flood of valid but pointless news) it is not recorded either: nothing changes anyway.
     */
    private Applied late(Payment payment, ProviderUpdate update) {
        if (payment.events().size() >= MAX_EVENTS) {
            return Applied.RECORDED;
        }
        PaymentEvent event = event(update, "recorded only: the payment is " + payment.status().wire()
                + " with provider status " + payment.providerStatus());
        return payments.apply(PaymentChange.note(payment, update, event)) ? Applied.RECORDED : null;
    }

    /**
     * An open payment closes; so does an expired one still watched (paid late), when the provider gives up. Once the
     * provider has said the money is on its way, only its own later word closes it, never our expiry (which carries
     * the rank it was decided on).
     */
    private static boolean closable(Payment payment, ProviderUpdate update) {
        if (payment.moneyOnItsWay() && update.rank() <= payment.providerRank()) {
            return false;
        }
        return payment.watched();
    }

    /**
     * A payment we closed {@code expired} while the provider still called it open stays on the reconcile function's
     * list for its {@link LatePolls}: a buyer may still pay, and the only news of it may be lost. One the provider
     * itself closed (its own final expiry, ranked as far as money on its way or further) leaves the list, as a failed
     * one does: its word is final, and asking again would only repeat it, for ever.
     */
    private Applied close(Payment payment, ProviderUpdate update) {
        boolean expired = update.phase() == ProviderUpdate.Phase.EXPIRED;
        PaymentStatus to = expired ? PaymentStatus.EXPIRED : PaymentStatus.FAILED;
        boolean providerFinal = Math.max(update.rank(), payment.providerRank()) >= ProviderUpdate.MONEY_IN_FLIGHT;
        Instant latePoll = expired && !providerFinal ? LatePolls.first(clock.instant()) : null;
        PaymentEvent event = event(update, "closed: " + to.wire() + (latePoll != null ? "; asked about again later"
                : ""));
        boolean advance = update.rank() > payment.providerRank();
        if (!changeWithBalance(new PaymentChange(payment, update, event, to, null, List.of(), advance, latePoll,
                latePoll == null), BigDecimal.ZERO, what(payment) + ": " + to.wire())) {
            return null;
        }
        if (expired) {
            Metrics.count(Metric.PAYMENTS_EXPIRED, payment.provider().wire());
        }
        return Applied.CLOSED;
    }

    private Applied pay(Payment payment, ProviderUpdate update) {
        CreditRule.Credit credit = CreditRule.credit(payment.quoteAmount(), payment.paymentAmount(),
                update.received(), payment.balanceCurrency().scale());
        if (payment.purpose() == PaymentPurpose.ORDER && credit.full()) {
            return payOrder(payment, update, credit);
        }
        String what = payment.purpose() == PaymentPurpose.ORDER
                ? "underpaid: " + received(payment, update) + "; credited to the balance, the order is not paid"
                : credit.full() ? "paid: " + received(payment, update) + "; credited"
                : "underpaid: " + received(payment, update) + "; credited as received";
        PaymentEvent event = event(update, what + " " + credit.amount().toPlainString() + " "
                + payment.balanceCurrency().wire());
        List<String> flags = new ArrayList<>();
        if (credit.flag() != null) {
            flags.add(credit.flag());
        }
        if (payment.purpose() == PaymentPurpose.ORDER) {
            flags.add(CREDITED_TO_BALANCE);
        }
        if (!changeWithBalance(new PaymentChange(payment, update, event, PaymentStatus.COMPLETED, credit.amount(),
                flags, update.rank() > payment.providerRank(), null, true), credit.amount(), what(payment))) {
            return null;
        }
        LOG.infof("payment %s: credited %s %s%s", payment.paymentId(), credit.amount().toPlainString(),
                payment.balanceCurrency().wire(), flags.isEmpty() ? "" : " " + flags);
        Metrics.count(credit.full() ? Metric.PAYMENTS_CREDITED : Metric.PAYMENTS_UNDERPAID,
                payment.provider().wire());
        return Applied.CREDITED;
    }

    /**
     * The order is paid through {@link OrderPayments#settle}, once per provider payment (its reference), then the
     * payment is marked. A crash in between leaves the payment pending: the provider's retry or the reconcile
     * function settles again (applied already: nothing more) and marks it. When the order could no longer take it
     * (cancelled meanwhile), settle credited the balance: the payment says so, so a refund takes it back from there.
     */
    private Applied payOrder(Payment payment, ProviderUpdate update, CreditRule.Credit credit) {
        OrderPayments.Settled settled = orderPayments.settle(payment.orderId(), settleReference(payment));
        boolean toBalance = settled.toBalance();
        PaymentEvent event = event(update, "paid: " + received(payment, update) + "; order " + payment.orderId()
                + " " + settled.outcome().replace('_', ' ') + " (order " + settled.status() + ")");
        List<String> flags = new ArrayList<>();
        if (credit.flag() != null) {
            flags.add(credit.flag());
        }
        if (toBalance) {
            flags.add(CREDITED_TO_BALANCE);
        }
        if (!payments.apply(new PaymentChange(payment, update, event, PaymentStatus.COMPLETED, credit.amount(),
                flags, update.rank() > payment.providerRank(), null, true))) {
            return null;
        }
        Metrics.count(Metric.PAYMENTS_CREDITED, payment.provider().wire());
        return Applied.CREDITED;
    }

    /**
     * The provider gave the money back before we applied its payment (its "paid" news failed, or comes later): the
     * payment is final, credits nothing, and a "paid" arriving after this changes nothing.
     */
    private Applied refundedUnpaid(Payment payment, ProviderUpdate update) {
        if (payment.purpose() == PaymentPurpose.ORDER) {
            Optional<OrderPayments.Settled> settled = orderPayments.earlier(payment.orderId(),
                    settleReference(payment));
            if (settled.isPresent()) {
                markSettled(payment, settled.get());
                return null; // look again: the refund now applies to the completed payment
            }
        }
        PaymentEvent event = event(update, "refunded by the provider before its payment was applied: nothing credited");
        return changeWithBalance(new PaymentChange(payment, update, event, PaymentStatus.REFUNDED, null, List.of(),
                update.rank() > payment.providerRank(), null, true), BigDecimal.ZERO, what(payment) + ": refunded")
                ? Applied.REFUNDED : null;
    }

    /**
     * The order was paid (or the balance credited) but the payment not marked (a crash, or a race, between the two):
     * it is marked now, as its own news, so the refund that found it applies to it.
     */
    private void markSettled(Payment payment, OrderPayments.Settled settled) {
        ProviderUpdate news = new ProviderUpdate(payment.providerStatus(), ProviderUpdate.Phase.PAID,
                payment.providerRank(), null, "settled:" + settleReference(payment), "reconcile");
        PaymentEvent event = event(news, "the order's payment was applied before (" + (settled.toBalance()
                ? "to the balance" : "to the order") + "): marked paid");
        payments.apply(new PaymentChange(payment, news, event, PaymentStatus.COMPLETED, payment.quoteAmount(),
                settled.toBalance() ? List.of(CREDITED_TO_BALANCE) : List.of(), false, null, true));
    }

    /** The reference an order's provider payment is applied under, once: {@code <provider>:<its id>}. */
    private static String settleReference(Payment payment) {
        return payment.provider().wire() + ":" + payment.providerRef();
    }

    /**
     * What a payment credited to the balance (a top-up's, or an order payment's that went to the balance) is taken
     * back from the available balance; when it has been spent meanwhile nothing is taken and the payment is flagged
     * for an operator. An order that was delivered cannot be taken back: flagged.
     */
    private Applied refund(Payment payment, ProviderUpdate update) {
        String at = Times.api(clock.instant());
        BigDecimal credited = payment.creditedAmount() == null ? BigDecimal.ZERO : payment.creditedAmount();
        if (payment.purpose() == PaymentPurpose.ORDER && !payment.flags().contains(CREDITED_TO_BALANCE)) {
            PaymentEvent event = event(update, "refunded by the provider after the order was paid: for an operator");
            return payments.apply(new PaymentChange(payment, update, event, PaymentStatus.REFUNDED, null,
                    List.of(REFUNDED_AFTER_DELIVERY), false, null, true)) ? Applied.REFUNDED : null;
        }
        PaymentEvent event = event(update, "refunded: " + credited.toPlainString() + " "
                + payment.balanceCurrency().wire() + " taken back from the balance");
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(payments.write(new PaymentChange(payment, update, event, PaymentStatus.REFUNDED, null, List.of(),
                false, null, true)));
        if (credited.signum() > 0) {
            writes.addAll(balances.withdraw(payment.userId(), payment.balanceCurrency(), credited,
                    "refund of payment " + payment.paymentId() + " via " + payment.provider().wire(), at));
        }
        try {
            Transactions.write(dynamo, writes, "payment-refund", payment.paymentId());
            return Applied.REFUNDED;
        } catch (TransactionCanceledException cancelled) {
            if (Cancellation.conditionFailed(cancelled, 0) || !Cancellation.conditionFailed(cancelled, 1)) {
                return null;
            }
        }
        // spent meanwhile: a balance never goes below zero, so an operator settles it with the user
        LOG.warnf("payment %s: refunded by the provider, but the balance no longer holds %s %s", payment.paymentId(),
                credited.toPlainString(), payment.balanceCurrency().wire());
        PaymentEvent shortfall = event(update, "refunded, but the balance no longer holds "
                + credited.toPlainString() + " " + payment.balanceCurrency().wire() + ": for an operator");
        return payments.apply(new PaymentChange(payment, update, shortfall, PaymentStatus.REFUNDED, null,
                List.of(REFUND_SHORTFALL), false, null, true)) ? Applied.REFUNDED : null;
    }

    /** False when a condition refused it (the payment moved, or the news was applied by another copy). */
    private boolean transact(List<TransactWriteItem> writes) {
        try {
            // the writes carry the payment, the news and the state they expect: that is the identity
            Transactions.write(dynamo, writes, "payment-change");
            return true;
        } catch (TransactionCanceledException cancelled) {
            return false;
        }
    }

    private PaymentEvent event(ProviderUpdate update, String detail) {
        return new PaymentEvent(Times.api(clock.instant()), update.origin(), update.status(), detail);
    }

    private static String received(Payment payment, ProviderUpdate update) {
        BigDecimal amount = update.received() == null ? payment.paymentAmount() : update.received();
        return amount.toPlainString() + " " + payment.paymentCurrency().toLowerCase(Locale.ROOT) + " received of "
                + payment.paymentAmount().toPlainString();
    }
}
