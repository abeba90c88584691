package cc.marix.reseller.provider.exchanger;

import java.math.BigDecimal;
import java.math.MathContext;

import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.payment.ProviderUpdate.Phase;
import cc.marix.reseller.provider.Answers;

/**
 * The exchanger's order statuses in their forward order: {@code new} -> {@code waitPayment} -> ({@code errorPayment})
 * -> {@code inProgress} -> ({@code hold}) -> {@code inProgressPayout} -> ({@code errorPayout}) -> {@code done}. Only
 * {@code done} (paid out: the money is ours) credits; {@code returned} (paid, but sent back) and {@code deleted} close
 * the top-up; the error and hold statuses wait for an operator at the exchanger, who may still finish the order.
 */
public final class ExchangerStatuses {

    static final String DONE = "done";

    private ExchangerStatuses() {
    }

    /**
     * What a {@code done} order brought, in the asset: the exchanger's {@code outAmount} (what it paid out to us, in
     * the balance currency, the money we actually got) at the top-up's locked rate. Unreadable: nothing (zero), so an
     * operator looks at it; never the full quote on a guess.
     */
    public static BigDecimal received(Payment payment, String outAmount) {
        BigDecimal paidOut = Answers.decimal(outAmount);
        if (paidOut == null || paidOut.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return paidOut.multiply(payment.paymentAmount()).divide(payment.quoteAmount(), MathContext.DECIMAL64);
    }

    /** @param received what came in, in the asset (see {@link #received}) */
    public static ProviderUpdate of(String status, BigDecimal received, String hash, String origin) {
        return switch (status) {
            case "new" -> new ProviderUpdate(status, Phase.PROGRESS, 0, null, hash, origin);
            case "waitPayment" -> new ProviderUpdate(status, Phase.PROGRESS, 1, null, hash, origin);
            case "errorPayment" -> new ProviderUpdate(status, Phase.PROGRESS, 2, null, hash, origin);
            case "inProgress" -> new ProviderUpdate(status, Phase.PROGRESS, 3, null, hash, origin);
            case "hold" -> new ProviderUpdate(status, Phase.PROGRESS, 4, null, hash, origin);
            case "inProgressPayout" -> new ProviderUpdate(status, Phase.PROGRESS, 5, null, hash, origin);
            case "errorPayout" -> new ProviderUpdate(status, Phase.PROGRESS, 6, null, hash, origin);
            case DONE -> new ProviderUpdate(status, Phase.PAID, 10, received, hash, origin);
            case "returned", "deleted" -> new ProviderUpdate(status, Phase.FAILED, 10, null, hash, origin);
            // a status this code does not know: recorded, never acted on
            default -> new ProviderUpdate(status, Phase.PROGRESS, -1, null, hash, origin);
        };
    }
}
