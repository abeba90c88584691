package cc.marix.reseller.provider.merchant;

import java.math.BigDecimal;

import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.payment.ProviderUpdate.Phase;
import cc.marix.reseller.provider.Answers;

/**
 * The merchant gateway's order statuses: {@code new} -> {@code pending} -> {@code processing} on the way;
 * {@code success} final and paid; {@code timeout} (the order's lifetime ran out, as callback V3 reports it) expired;
 * {@code cancelled} and {@code failed} closed.
 */
public final class MerchantStatuses {

    private MerchantStatuses() {
    }

    /**
     * {@code amount_local} as received, in the currency asked: null when the gateway does not say (it took what it
     * was asked for); zero when unreadable or in another currency (flagged, never the full quote).
     */
    public static BigDecimal received(String amountLocal, String currency, String expectedCurrency) {
        if (amountLocal == null) {
            return null;
        }
        BigDecimal amount = Answers.decimal(amountLocal);
        boolean sameCurrency = currency == null || currency.equalsIgnoreCase(expectedCurrency);
        return amount == null || !sameCurrency ? BigDecimal.ZERO : amount;
    }

    public static ProviderUpdate of(String status, BigDecimal received, String hash, String origin) {
        return switch (status) {
            case "new" -> new ProviderUpdate(status, Phase.PROGRESS, 0, null, hash, origin);
            case "pending" -> new ProviderUpdate(status, Phase.PROGRESS, 1, null, hash, origin);
            case "processing" -> new ProviderUpdate(status, Phase.PROGRESS, 2, null, hash, origin);
            case "success" -> new ProviderUpdate(status, Phase.PAID, 10, received, hash, origin);
            case "timeout" -> new ProviderUpdate(status, Phase.EXPIRED, 10, null, hash, origin);
            case "cancelled", "failed" -> new ProviderUpdate(status, Phase.FAILED, 10, null, hash, origin);
            default -> new ProviderUpdate(status, Phase.PROGRESS, -1, null, hash, origin);
        };
    }
}
