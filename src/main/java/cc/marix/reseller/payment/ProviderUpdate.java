package cc.marix.reseller.payment;

import java.math.BigDecimal;

/**
 * What a provider said about a payment, from a verified callback or a status poll, in our terms.
 *
 * @param status   the provider's own status word, recorded as it came
 * @param phase    what it means for us
 * @param rank     its place in the provider's forward order of statuses; an update ranked at or below the
 *                 payment's current one is recorded and changes nothing
 * @param received the amount received, in the payment currency; null when the provider does not say (the amount it
 *                 was asked for is then what it took)
 * @param hash     identifies this news, so the same callback (or the same polled status) is applied once
 * @param origin   {@code callback} or {@code poll}
 */
public record ProviderUpdate(String status, Phase phase, int rank, BigDecimal received, String hash, String origin) {

    public static final String CALLBACK = "callback";
    /**
     * The rank from which a provider's status means the buyer's money is on its way (Tribute's payment received,
     * the exchanger's payment error or processing, the gateway's processing): such a payment is never closed as
     * expired, only watched until the provider's final word.
     */
    public static final int MONEY_IN_FLIGHT = 2;
    public static final String POLL = "poll";

    public enum Phase {
        /** On its way (created, waiting, in progress): moves the provider status forward only. */
        PROGRESS,
        /** Final: the money is in. */
        PAID,
        /** Final: the provider gave up on it (deleted, returned). */
        FAILED,
        /** Final: nobody paid in time. */
        EXPIRED,
        /** After PAID: the provider gave the money back. */
        REFUNDED
    }
}
