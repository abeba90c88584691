package cc.marix.reseller.checkout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.lambda.EventFunction;
import cc.marix.reseller.lambda.Functions;
import cc.marix.reseller.lambda.ScheduledJob;
import cc.marix.reseller.metrics.EmfWriter;
import cc.marix.reseller.payment.LatePolls;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentProgress;
import cc.marix.reseller.payment.PaymentStatus;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.support.CrashPoints;

/**
 * Runs on a schedule ({@code {"job": "payment-reconcile"}}, every minute): asks the provider about each open payment
 * that is due for a look and applies the answer exactly as a callback would (so a callback that never came, as the
 * exchanger's IPN may not, is made up for, and one that came is a duplicate). A payment still unpaid once its window
 * and the grace after it have passed is closed {@code expired}, unless the provider says the money is on its way:
 * then it is watched until the provider's final word. A payment made after the close is still credited when its
 * callback comes (and watched again, if it only says the money is coming), and a closed one is asked about again 1 h,
 * 6 h, 24 h and 72 h after the close ({@link LatePolls}), so a late payment whose only callback was lost is credited.
 * A provider that cannot be reached closes nothing: it is asked again next time.
 */
@ApplicationScoped
public class PaymentReconcileFunction implements EventFunction {

    private static final Logger LOG = Logger.getLogger(PaymentReconcileFunction.class);
    static final String JOB = "payment-reconcile";
    static final String RECONCILE = "reconcile";
    /** A payment that failed is looked at again after this many poll intervals. */
    static final int FAILED_BACKOFF = 5;

    private final PaymentStore payments;
    private final ProviderPolls polls;
    private final PaymentProgress progress;
    private final Clock clock;
    private final AppConfig.Payments settings;
    private final EmfWriter metrics;

    public PaymentReconcileFunction(PaymentStore payments, ProviderPolls polls, PaymentProgress progress, Clock clock,
            AppConfig config, EmfWriter metrics) {
        this.metrics = metrics;
        this.payments = payments;
        this.polls = polls;
        this.progress = progress;
        this.clock = clock;
        this.settings = config.payments();
    }

    @Override
    public String name() {
        return Functions.PAYMENT_RECONCILE;
    }

    @Override
    public boolean accepts(JsonNode event) {
        return ScheduledJob.is(event, JOB);
    }

    @Override
    public Object handle(JsonNode event) {
        ScheduledJob.require(event, JOB);
        Instant now = clock.instant();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> due = payments.due(now, settings.reconcileBatchSize());
        for (String paymentId : due) {
            outcomes.merge(safely(paymentId, now), 1, Integer::sum);
            CrashPoints.reached(CrashPoints.MID_PAYMENT_RECONCILE);
        }
        // written on every run, 0 included, so the alarm sees a healthy reconcile as data rather than silence
        metrics.count(EmfWriter.RECONCILE_FAILURES, outcomes.getOrDefault("failed", 0), Map.of(), Map.of());
        return Map.of("due", due.size(), "outcomes", outcomes);
    }

    /** One payment's failure is logged and counted; it never keeps the run from the others. */
    private String safely(String paymentId, Instant now) {
        try {
            return reconcile(paymentId, now);
        } catch (ApiException refused) {
            // 502/503: the provider (or a contended write) is asked again next time; anything else is no passing
            // trouble, so it is filed further back
            boolean passing = refused.status() == 502 || refused.status() == 503;
            LOG.warnf("payment %s: not reconciled (%s)", paymentId, refused.code());
            fileAgain(paymentId, now, passing ? 1 : FAILED_BACKOFF);
            return passing ? "unreachable" : "failed";
        } catch (RuntimeException e) {
            LOG.errorf("payment %s: reconcile could not handle it: %s", paymentId, e.getClass().getSimpleName());
            // filed further back, so a payment that keeps failing cannot hold the head of the queue for ever
            fileAgain(paymentId, now, FAILED_BACKOFF);
            return "failed";
        }
    }

    private void fileAgain(String paymentId, Instant now, int intervals) {
        try {
            payments.reschedule(paymentId, now.plus(settings.pollInterval().multipliedBy(intervals)));
        } catch (RuntimeException again) {
            LOG.errorf("payment %s: could not be filed again: %s", paymentId, again.getClass().getSimpleName());
        }
    }

    private String reconcile(String paymentId, Instant now) {
        Optional<Payment> found = payments.find(paymentId);
        if (found.isEmpty()) {
            return "missing";
        }
        Payment payment = found.get();
        if (payment.status() == PaymentStatus.EXPIRED && !payment.watched()) {
            return latePoll(payment, now);
        }
        PaymentProgress.Applied applied = PaymentProgress.Applied.DUPLICATE;
        if (payment.watched()) {
            ProviderUpdate answer = polls.status(payment);
            CrashPoints.reached(CrashPoints.AFTER_PAYMENT_CONFIRMED);
            applied = progress.apply(payment, answer);
            payment = payments.find(paymentId).orElseThrow();
        }
        if (!payment.watched()) {
            return applied.name().toLowerCase(Locale.ROOT);
        }
        if (!payment.moneyOnItsWay() && now.isAfter(Instant.parse(payment.payBy()).plus(settings.closeGrace()))) {
            ProviderUpdate expiry = new ProviderUpdate(payment.providerStatus(), ProviderUpdate.Phase.EXPIRED,
                    payment.providerRank(), null, RECONCILE + ":expired", RECONCILE);
            return progress.apply(payment, expiry) == PaymentProgress.Applied.CLOSED ? "expired" : "left_as_is";
        }
        payments.reschedule(paymentId, now.plus(settings.pollInterval()));
        return applied.name().toLowerCase(Locale.ROOT);
    }

    /**
     * One of the late looks at a payment closed expired (see {@link LatePolls}). The next look is filed before the
     * provider is asked, so the last one takes the payment off the list even when the provider cannot be reached
     * then; an earlier one that fails is asked again next run, as any poll. A "paid" credits it (once: the payment's
     * news and status conditions) and takes it off the list; news of money on its way has it watched again.
     */
    private String latePoll(Payment payment, Instant now) {
        Instant expiredAt = payment.expiredAt() == null ? now : Instant.parse(payment.expiredAt());
        payments.fileLatePoll(payment.paymentId(), LatePolls.next(expiredAt, now));
        return "late_" + progress.apply(payment, polls.status(payment)).name().toLowerCase(Locale.ROOT);
    }

}
