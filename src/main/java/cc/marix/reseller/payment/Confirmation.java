package cc.marix.reseller.payment;

import java.math.BigDecimal;
import java.util.Optional;

import cc.marix.reseller.payment.ProviderUpdate.Phase;

/**
 * Whether the provider's own answer confirms what a verified callback claims. A callback's signature only says who
 * could have sent it, and its keys sit where more people can read them than should move money (Tribute signs with
 * the shop's API key), so news that moves money or ends a payment counts when the provider, asked, says the same.
 */
public final class Confirmation {

    private Confirmation() {
    }

    /**
     * Only news on the way ({@link Phase#PROGRESS}) is applied on the callback's word: it moves no money and a
     * payment still closes only on final news. Paid, failed, expired and refunded are irreversible: a forged one
     * would credit, close a live payment, or take money back.
     */
    public static boolean needed(ProviderUpdate claimed) {
        return claimed.phase() != Phase.PROGRESS;
    }

    /**
     * The news to apply when {@code answer} confirms {@code claimed}: the provider's status, rank and amount, under
     * the callback's hash and origin (so a replay of the callback stays a duplicate, and the provider's later polled
     * answer is news of its own). Empty when it does not confirm: another phase (failed and expired both close, so
     * they confirm each other), or, for a payment, the callback names an amount the provider does not (the provider
     * naming none means it took what it was asked, {@code asked}).
     */
    public static Optional<ProviderUpdate> of(ProviderUpdate claimed, ProviderUpdate answer, BigDecimal asked) {
        if (!samePhase(claimed.phase(), answer.phase())) {
            return Optional.empty();
        }
        if (claimed.phase() == Phase.PAID && claimed.received() != null) {
            BigDecimal confirmed = answer.received() == null ? asked : answer.received();
            if (claimed.received().compareTo(confirmed) != 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new ProviderUpdate(answer.status(), answer.phase(), answer.rank(), answer.received(),
                claimed.hash(), claimed.origin()));
    }

    private static boolean samePhase(Phase claimed, Phase answered) {
        return claimed == answered || closes(claimed) && closes(answered);
    }

    private static boolean closes(Phase phase) {
        return phase == Phase.FAILED || phase == Phase.EXPIRED;
    }
}
