package cc.marix.reseller.payment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import cc.marix.reseller.account.BalanceCurrency;

/**
 * One payment at a provider: a top-up of the balance or the payment of an order. The quote ({@code quoteAmount} in
 * the balance currency) is what the balance gets for {@code paymentAmount} in {@code paymentCurrency} (a fiat
 * currency, or a crypto asset), at {@code rate} locked at creation.
 *
 * @param providerRef     the provider's id for it (Tribute's order uuid, the exchanger's order id, the gateway's
 *                        uuid)
 * @param providerRank    the rank of {@code providerStatus} in the provider's order of statuses
 * @param crypto          the deposit details of a crypto top-up; null otherwise
 * @param payBy           when the quote or payment page expires (ISO-8601)
 * @param expiredAt       when it was last closed {@code expired} (ISO-8601): the start of its late polls (see
 *                        {@link LatePolls}); null when it never was
 * @param creditedAmount  what the balance (or the order) got; null until paid
 * @param flags           what an operator should look at: {@code underpaid}, {@code overpaid},
 *                        {@code refund_shortfall}, {@code refunded_after_delivery}
 * @param seen            hashes of the provider news applied already
 */
public record Payment(
        String paymentId,
        String userId,
        PaymentPurpose purpose,
        Provider provider,
        PaymentStatus status,
        String providerRef,
        String providerStatus,
        int providerRank,
        BalanceCurrency balanceCurrency,
        BigDecimal quoteAmount,
        BigDecimal rate,
        String paymentCurrency,
        BigDecimal paymentAmount,
        String confirmationUrl,
        String returnUrl,
        String orderId,
        CryptoDeposit crypto,
        String payBy,
        String createdAt,
        String expiredAt,
        BigDecimal creditedAmount,
        Set<String> flags,
        Set<String> seen,
        List<PaymentEvent> events) {

    /** The provider has said the buyer's money is on its way (see {@link ProviderUpdate#MONEY_IN_FLIGHT}). */
    public boolean moneyOnItsWay() {
        return providerRank >= ProviderUpdate.MONEY_IN_FLIGHT;
    }

    /** Its provider's final word is still to come: open, or expired with money on its way (the buyer paid late). */
    public boolean watched() {
        return status == PaymentStatus.PENDING || status == PaymentStatus.EXPIRED && moneyOnItsWay();
    }

    /**
     * The provider said the payment failed: it closed it {@code failed}, or its last word was that the buyer's attempt
     * failed (Tribute's {@code shop_order_payment_failed}, after which its page may still take another attempt).
     */
    public boolean failedAtProvider() {
        return status == PaymentStatus.FAILED || status == PaymentStatus.PENDING
                && ATTEMPT_FAILED.contains(providerStatus);
    }

    /** Provider statuses that say an attempt to pay failed while the payment stays open. */
    static final Set<String> ATTEMPT_FAILED = Set.of("shop_order_payment_failed");

    /** Where and how a crypto top-up is paid; {@code ipnSecret} signs the exchanger's notifications about it. */
    public record CryptoDeposit(String chain, String asset, String address, String tokenAddress, String ipnSecret) {
    }
}
