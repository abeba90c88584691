package cc.marix.reseller.provider.tribute;

import java.math.BigDecimal;

import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.payment.ProviderUpdate.Phase;

/**
 * What Tribute's webhook events and order statuses mean for a payment. Only {@code shop_order} with status
 * {@code paid} (or a polled {@code paid}) is final; {@code shop_order_payment_received} and
 * {@code shop_order_prepaid} are on the way; {@code shop_order_payment_failed} leaves the order payable (the buyer
 * may try again); {@code shop_order_cancelled} closes it; {@code shop_order_refunded} takes a paid one back.
 */
public final class TributeStatuses {

    static final String SHOP_ORDER = "shop_order";
    static final String PAID = "paid";

    private TributeStatuses() {
    }

    /** Null for events that are not about a shop order's payment (subscriptions, recurring charges). */
    public static ProviderUpdate fromWebhook(String name, String payloadStatus, BigDecimal received, String hash) {
        String status = SHOP_ORDER.equals(name) ? SHOP_ORDER + ":" + payloadStatus : name;
        return switch (name) {
            case SHOP_ORDER -> PAID.equals(payloadStatus)
                    ? update(status, Phase.PAID, 10, received, hash)
                    : update(status, Phase.PROGRESS, 0, null, hash);
            case "shop_order_payment_failed" -> update(status, Phase.PROGRESS, 1, null, hash);
            case "shop_order_payment_received" -> update(status, Phase.PROGRESS, 2, null, hash);
            case "shop_order_prepaid" -> update(status, Phase.PROGRESS, 3, null, hash);
            case "shop_order_cancelled" -> update(status, Phase.FAILED, 10, null, hash);
            case "shop_order_refunded" -> update(status, Phase.REFUNDED, 11, null, hash);
            default -> null;
        };
    }

    /** A polled order status ({@code GET /api/v1/shop/orders/{uuid}/status}). */
    public static ProviderUpdate fromPoll(String status) {
        String hash = ProviderUpdate.POLL + ":" + status;
        return switch (status) {
            case PAID -> new ProviderUpdate(status, Phase.PAID, 10, null, hash, ProviderUpdate.POLL);
            case "cancelled", "canceled", "expired" -> new ProviderUpdate(status, Phase.FAILED, 10, null, hash,
                    ProviderUpdate.POLL);
            case "refunded" -> new ProviderUpdate(status, Phase.REFUNDED, 11, null, hash, ProviderUpdate.POLL);
            default -> new ProviderUpdate(status, Phase.PROGRESS, 0, null, hash, ProviderUpdate.POLL);
        };
    }

    private static ProviderUpdate update(String status, Phase phase, int rank, BigDecimal received, String hash) {
        return new ProviderUpdate(status, phase, rank, received, hash, ProviderUpdate.CALLBACK);
    }
}
