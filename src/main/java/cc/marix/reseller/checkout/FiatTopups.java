package cc.marix.reseller.checkout;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentEvent;
import cc.marix.reseller.payment.PaymentPurpose;
import cc.marix.reseller.payment.PaymentStatus;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.pricing.Prices;
import cc.marix.reseller.pricing.RateStore;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.support.LogContext;
import cc.marix.reseller.support.Times;

/**
 * Creates fiat top-ups: the quote converted to the payment currency at the stored rate (half-even to 2 places, as
 * every price), a payment page opened at the provider, then the top-up written in one transaction. A payment that
 * rounds to 0.00 is refused first (422 {@code amount_too_small}). The provider is called before anything is written,
 * so a provider that fails leaves nothing of ours behind.
 */
@ApplicationScoped
public class FiatTopups {

    private static final Logger LOG = Logger.getLogger(FiatTopups.class);
    /** The provider status a payment starts in, ranked below every status a provider sends. */
    public static final String CREATED = "created";
    public static final int CREATED_RANK = -1;

    private final PaymentPages pages;
    private final PaymentStore payments;
    private final RateStore rates;
    private final Ids ids;
    private final Clock clock;
    private final AppConfig.Payments settings;

    public FiatTopups(PaymentPages pages, PaymentStore payments, RateStore rates, Ids ids, Clock clock,
            AppConfig config) {
        this.pages = pages;
        this.payments = payments;
        this.rates = rates;
        this.ids = ids;
        this.clock = clock;
        this.settings = config.payments();
    }

    public Payment create(String userId, FiatTopupRequest request) {
        Prices charged = new Prices(request.paymentCurrency(), rates);
        BigDecimal paymentAmount = charged.convert(request.quoteAmount(), request.balanceCurrency());
        if (paymentAmount.signum() == 0) {
            throw tooSmall(request.quoteAmount(), request.balanceCurrency().wire(), request.paymentCurrency().wire());
        }
        BigDecimal rate = charged.factor(request.balanceCurrency());
        String returnUrl = request.returnUrl() == null ? settings.returnUrl() : request.returnUrl();
        String paymentId = ids.nextString();
        PaymentPages.Page page = pages.open(request.provider(), paymentId, paymentAmount,
                request.paymentCurrency().wire(),
                "Balance top-up", "Top-up of " + request.quoteAmount().toPlainString() + " "
                        + request.balanceCurrency().wire() + " to a Marix balance (" + paymentId + ")",
                returnUrl);
        Instant now = clock.instant();
        String at = Times.api(now);
        Payment payment = new Payment(paymentId, userId, PaymentPurpose.FIAT_TOPUP, request.provider(),
                PaymentStatus.PENDING, page.ref(), CREATED, CREATED_RANK,
                BalanceCurrency.fromWire(request.balanceCurrency().wire()).orElseThrow(), request.quoteAmount(), rate,
                request.paymentCurrency().wire(), paymentAmount, page.url(), returnUrl, null, null,
                Times.api(now.plus(settings.fiatWindow())), at, null, null, Set.of(), Set.of(),
                List.of(new PaymentEvent(at, "api", CREATED, "payment page opened at " + request.provider().wire()
                        + " for " + paymentAmount.toPlainString() + " " + request.paymentCurrency().wire())));
        payments.create(payment, now.plus(settings.pollInterval()), List.of());
        LogContext.paymentId(paymentId);
        LOG.infof("fiat top-up %s: %s %s via %s", paymentId, request.quoteAmount().toPlainString(),
                request.balanceCurrency().wire(), request.provider().wire());
        return payment;
    }

    /**
     * A quote whose payment rounds to nothing in the provider's currency (its minor units, 2 places): refused before
     * any provider is asked, or the balance would be credited for a payment of zero.
     */
    static ApiException tooSmall(BigDecimal quote, String balanceCurrency, String paymentCurrency) {
        return ApiException.invalid("amount_too_small", new Violation(List.of("body", "quoteAmount"),
                "A top-up of " + quote.toPlainString() + " " + balanceCurrency + " rounds to 0 " + paymentCurrency
                        + " to pay; top up more", "amount_too_small", Map.of("paymentCurrency", paymentCurrency)));
    }
}
