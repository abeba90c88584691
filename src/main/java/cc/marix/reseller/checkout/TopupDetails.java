package cc.marix.reseller.checkout;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentStore;

/**
 * A top-up as its GET route answers it. The routes and the reseller webhooks ({@code topup.completed},
 * {@code topup.failed}) render through here, so an event's {@code data} is always the route's answer.
 */
@ApplicationScoped
public class TopupDetails {

    private final CryptoChains chains;
    private final PaymentStore payments;

    public TopupDetails(CryptoChains chains, PaymentStore payments) {
        this.chains = chains;
        this.payments = payments;
    }

    /** {@code GET /api/topups/crypto/{topup_id}}'s answer. */
    public TopupViews.Crypto crypto(Payment payment) {
        return TopupViews.crypto(payment, chains.txPayload(payment));
    }

    /** {@code GET /api/topups/fiat/{topup_id}}'s answer. */
    public TopupViews.Fiat fiat(Payment payment) {
        return TopupViews.fiat(payment);
    }

    /** The user's top-up (crypto or fiat) as its route shows it; empty when unknown, someone else's or no top-up. */
    public Optional<Object> ofUser(String userId, String topupId) {
        return payments.find(topupId).filter(payment -> payment.userId().equals(userId))
                .flatMap(payment -> switch (payment.purpose()) {
                    case CRYPTO_TOPUP -> Optional.of(crypto(payment));
                    case FIAT_TOPUP -> Optional.of(fiat(payment));
                    case ORDER -> Optional.empty();
                });
    }
}
