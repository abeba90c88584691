package cc.marix.reseller.payment;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.metrics.Metric;
import cc.marix.reseller.metrics.Metrics;
import cc.marix.reseller.support.CrashPoints;

/**
 * Applies a verified provider callback: a callback is a hint, money moves on the provider's own answer. News on the
 * way is applied as it came; news that would move money or end the payment costs one status call to the provider
 * ({@link Confirmation}) and what is applied is the provider's answer. A callback the provider does not confirm is
 * recorded on the payment and changes nothing else: payment-reconcile polls the provider and applies its word. A
 * provider that cannot be asked: nothing applied, and a 503 with Retry-After, so a provider that retries comes back
 * (the exchanger never does; reconcile finishes it).
 */
@ApplicationScoped
public class ConfirmedCallbacks {

    private static final Logger LOG = Logger.getLogger(ConfirmedCallbacks.class);
    static final int RETRY_AFTER_SECONDS = 60;

    private final PaymentProgress progress;

    public ConfirmedCallbacks(PaymentProgress progress) {
        this.progress = progress;
    }

    /** @param provider the provider's status call for this payment, as payment-reconcile makes it */
    public PaymentProgress.Applied apply(Payment payment, ProviderUpdate claimed, Supplier<ProviderUpdate> provider) {
        if (payment.seen().contains(claimed.hash())) {
            // a replay: answered from what we hold, no call to the provider
            return PaymentProgress.Applied.DUPLICATE;
        }
        if (!Confirmation.needed(claimed)) {
            return progress.apply(payment, claimed);
        }
        ProviderUpdate answer = ask(payment, claimed, provider);
        Optional<ProviderUpdate> confirmed = Confirmation.of(claimed, answer, payment.paymentAmount());
        if (confirmed.isEmpty()) {
            LOG.warnf("payment %s: %s callback %s not confirmed, %s says %s", payment.paymentId(),
                    payment.provider().wire(), claimed.status(), payment.provider().wire(), answer.status());
            Metrics.count(Metric.PAYMENTS_UNCONFIRMED, payment.provider().wire());
            return progress.unconfirmed(payment, claimed, PaymentProgress.UNCONFIRMED,
                    "not confirmed: the callback says " + said(claimed, payment) + ", "
                            + payment.provider().wire() + " says " + said(answer, payment)
                            + "; nothing applied, " + (payment.watched() ? "left to payment-reconcile"
                                    : "for an operator, if anything"));
        }
        CrashPoints.reached(CrashPoints.AFTER_PAYMENT_CONFIRMED);
        return progress.apply(payment, confirmed.get());
    }

    private ProviderUpdate ask(Payment payment, ProviderUpdate claimed, Supplier<ProviderUpdate> provider) {
        try {
            return provider.get();
        } catch (ApiException unanswered) {
            if (unanswered.status() != 502 && unanswered.status() != 503) {
                throw unanswered;
            }
            progress.unconfirmed(payment, claimed, PaymentProgress.UNCONFIRMABLE, "not confirmed: "
                    + payment.provider().wire() + " could not be asked (" + unanswered.code()
                    + "); nothing applied, left to a retry" + (payment.watched() ? " or payment-reconcile" : ""));
            throw ApiException.unavailable("provider_unavailable", payment.provider().wire()
                    + " could not confirm this callback now; nothing was applied; retry later", RETRY_AFTER_SECONDS);
        }
    }

    private static String said(ProviderUpdate update, Payment payment) {
        return update.status() + (update.received() == null ? ""
                : " (" + update.received().stripTrailingZeros().toPlainString() + " "
                        + payment.paymentCurrency().toLowerCase(Locale.ROOT) + ")");
    }
}
