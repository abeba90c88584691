package cc.marix.reseller.checkout;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentProgress;
import cc.marix.reseller.pricing.Prices;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The top-up routes' answers, in the seed's shapes; amounts are decimal strings, as everywhere in the API. */
public final class TopupViews {

    private static final Set<String> INTERNAL_FLAGS = Set.of(PaymentProgress.PENDING_HELD,
            PaymentProgress.PENDING_RELEASED);

    private TopupViews() {
    }

    /**
     * A fiat top-up: the seed's fields, each always present ({@code paymentId} is the provider's id for the payment),
     * plus {@code expiresAt}, {@code createdAt}, {@code creditedAmount} once paid (less than the quote when
     * underpaid) and {@code flags}.
     */
    @RegisterForReflection
    public record Fiat(String id, String paymentId, String status, String balanceCurrency, String quoteAmount,
            String rate, String provider, String paymentCurrency, String paymentAmount, String confirmationUrl,
            String expiresAt, String createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) String creditedAmount,
            List<String> flags) {
    }

    /**
     * A crypto top-up: the seed's fields, each always present, null when it has no value ({@code tokenAddress} for a
     * coin, {@code txPayload} when not asked for or the chain has none); {@code paymentId} is the exchanger's order
     * id, {@code rate} what 1 unit of the asset credits. Plus {@code createdAt}, and once paid
     * {@code creditedAmount}, and {@code flags}.
     */
    @RegisterForReflection
    public record Crypto(String id, String paymentId, String status, String balanceCurrency, String quoteAmount,
            String rate, String chain, String asset, String address, String tokenAddress, String amountToSend,
            String expiresAt, TxPayloads.TxPayload txPayload, String createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String creditedAmount, List<String> flags) {
    }

    @RegisterForReflection
    public record Chains(List<Chain> chains) {
    }

    @RegisterForReflection
    public record Chain(String id, boolean enabled, List<Asset> assets, int minConfirmations) {
    }

    @RegisterForReflection
    public record Asset(String id, String symbol, int decimals, boolean isStablecoin, String tokenAddress) {
    }

    /** The seed's answer to {@code POST /api/orders/{id}/pay}. */
    @RegisterForReflection
    public record Checkout(String id, String confirmationToken, String confirmationUrl, String returnUrl) {
    }

    @RegisterForReflection
    public record Rates(String to, List<Rate> rates) {
    }

    @RegisterForReflection
    public record Rate(String from, String to, String rate, String source) {
    }

    static Fiat fiat(Payment payment) {
        return new Fiat(payment.paymentId(), payment.providerRef(), payment.status().wire(),
                payment.balanceCurrency().wire(), Prices.text(payment.quoteAmount()), rate(payment.rate()),
                payment.provider().wire(), payment.paymentCurrency(), Prices.text(payment.paymentAmount()),
                payment.confirmationUrl(), payment.payBy(), payment.createdAt(),
                payment.creditedAmount() == null ? null : Prices.text(payment.creditedAmount()),
                shown(payment.flags()));
    }

    static Crypto crypto(Payment payment, TxPayloads.TxPayload txPayload) {
        Payment.CryptoDeposit deposit = payment.crypto();
        return new Crypto(payment.paymentId(), payment.providerRef(), payment.status().wire(),
                payment.balanceCurrency().wire(), Prices.text(payment.quoteAmount()), rate(payment.rate()),
                deposit.chain(), deposit.asset(), deposit.address(), deposit.tokenAddress(),
                payment.paymentAmount().toPlainString(), payment.payBy(), txPayload, payment.createdAt(),
                payment.creditedAmount() == null ? null : Prices.text(payment.creditedAmount()),
                shown(payment.flags()));
    }

    static Checkout checkout(Payment payment) {
        return new Checkout(payment.paymentId(), payment.providerRef(), payment.confirmationUrl(),
                payment.returnUrl());
    }

    /** The flags a client reads; the pending bucket's bookkeeping stays inside. */
    private static List<String> shown(Set<String> flags) {
        return flags.stream().filter(flag -> !INTERNAL_FLAGS.contains(flag)).sorted().toList();
    }

    /** A rate as a plain decimal without trailing zeros ("1", "0.0125"). */
    static String rate(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
