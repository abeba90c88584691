package cc.marix.reseller.checkout;

import java.math.BigDecimal;
import java.math.MathContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentEvent;
import cc.marix.reseller.payment.PaymentPurpose;
import cc.marix.reseller.payment.PaymentStatus;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.pricing.RateStore;
import cc.marix.reseller.provider.ProviderCalls;
import cc.marix.reseller.provider.exchanger.ExchangerApi;
import cc.marix.reseller.provider.exchanger.ExchangerGateway;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.support.LogContext;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Creates crypto top-ups: an exchanger order that pays the quote out to us, with a fresh random IPN secret for this
 * top-up alone and an IPN URL naming it; the exchanger's {@code inAmount} is the exact amount to send, which locks
 * the rate (quote / amount to send). The exchanger is called before anything is written, so a failure leaves
 * nothing of ours behind.
 */
@ApplicationScoped
public class CryptoTopups {

    private static final Logger LOG = Logger.getLogger(CryptoTopups.class);
    static final int SECRET_BYTES = 32;
    public static final String IPN_PATH = "/callbacks/exchanger/";
    private static final Pattern EVM_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final ExchangerGateway exchanger;
    private final PaymentStore payments;
    private final RateStore quotes;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AppConfig.Payments settings;

    public CryptoTopups(ExchangerGateway exchanger, PaymentStore payments, RateStore quotes, Ids ids, Clock clock,
            AppConfig config) {
        this.exchanger = exchanger;
        this.quotes = quotes;
        this.payments = payments;
        this.ids = ids;
        this.clock = clock;
        this.settings = config.payments();
    }

    public Payment create(String userId, CryptoTopupRequest request) {
        String paymentId = ids.nextString();
        String ipnSecret = secret();
        String ipnUrl = settings.exchanger().ipnBaseUrl().replaceAll("/+$", "") + IPN_PATH + paymentId;
        ExchangerApi.Order order = exchanger.create(request.routeId(), request.quoteAmount(), ipnUrl, ipnSecret,
                settings.returnUrl());
        BigDecimal amountToSend = new BigDecimal(order.inAmount().trim());
        if (amountToSend.stripTrailingZeros().scale() > request.asset().decimals()
                || request.chain().evmChainId().isPresent() && !EVM_ADDRESS.matcher(order.address()).matches()) {
            // a deposit address the chain cannot have would also break the wallet call built from it
            throw ProviderCalls.badAnswer(Provider.EXCHANGER, "create an order");
        }
        if (amountToSend.signum() <= 0) {
            // the exchanger's order for nothing is left to expire there; nothing of ours is written
            throw FiatTopups.tooSmall(request.quoteAmount(), request.balanceCurrency().wire(),
                    request.asset().symbol());
        }
        Instant now = clock.instant();
        String at = Times.api(now);
        BigDecimal rate = request.quoteAmount().divide(amountToSend, MathContext.DECIMAL64);
        Payment payment = new Payment(paymentId, userId, PaymentPurpose.CRYPTO_TOPUP, Provider.EXCHANGER,
                PaymentStatus.PENDING, order.orderId(), FiatTopups.CREATED, FiatTopups.CREATED_RANK,
                BalanceCurrency.fromWire(request.balanceCurrency().wire()).orElseThrow(), request.quoteAmount(), rate,
                request.asset().id(), amountToSend, null, settings.returnUrl(), null,
                new Payment.CryptoDeposit(request.chain().id(), request.asset().id(), order.address(),
                        request.asset().tokenAddress().orElse(null), ipnSecret),
                Times.api(expiry(order, now)), at, null, null, Set.of(), Set.of(),
                List.of(new PaymentEvent(at, "api", FiatTopups.CREATED, "exchanger order " + order.orderId()
                        + ": send " + amountToSend.toPlainString() + " " + request.asset().symbol())));
        payments.create(payment, now.plus(settings.pollInterval()), List.of());
        recordQuote(request, rate, now);
        LogContext.paymentId(paymentId);
        LOG.infof("crypto top-up %s: %s %s for %s %s", paymentId, request.quoteAmount().toPlainString(),
                request.balanceCurrency().wire(), amountToSend.toPlainString(), request.asset().symbol());
        return payment;
    }

    /**
     * Keeps the rate the exchanger just quoted as the latest for the asset (the rates route shows it). The top-up is
     * written already: a failure here only leaves the previous quote shown, so it is logged, not answered.
     */
    private void recordQuote(CryptoTopupRequest request, BigDecimal rate, Instant now) {
        try {
            quotes.recordQuote(request.asset().id(), request.chain().id(), request.balanceCurrency().wire(), rate,
                    Times.sortable(now));
        } catch (SdkException e) {
            LOG.warnf("crypto top-up quote not kept: %s", e.getClass().getSimpleName());
        }
    }

    /** Our quote's end, or the exchanger's, whichever comes first. */
    private Instant expiry(ExchangerApi.Order order, Instant now) {
        Instant ours = now.plus(settings.exchanger().quoteTtl());
        if (order.expiresAt() == null) {
            return ours;
        }
        try {
            Instant theirs = Instant.parse(order.expiresAt());
            return theirs.isBefore(ours) ? theirs : ours;
        } catch (DateTimeParseException unreadable) {
            return ours;
        }
    }

    private String secret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
