package cc.marix.reseller.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a payment credits for the amount the provider says it received. The full quote when the whole payment amount
 * came (more is credited as the quote and flagged, since the rate was locked for that amount); less, and the balance
 * gets the received share of the quote, rounded down, and the payment is flagged: an underpayment never credits the
 * full quote.
 */
public final class CreditRule {

    public static final String UNDERPAID = "underpaid";
    public static final String OVERPAID = "overpaid";

    /** The amount to credit, in the balance currency, and the flag the payment gets (null when none). */
    public record Credit(BigDecimal amount, String flag) {

        public boolean full() {
            return flag == null || OVERPAID.equals(flag);
        }
    }

    private CreditRule() {
    }

    /**
     * @param quote    what the full payment credits, in the balance currency
     * @param expected the payment amount asked for
     * @param received what came, in the payment currency; null when the provider does not say
     * @param scale    decimal places of the balance currency
     */
    public static Credit credit(BigDecimal quote, BigDecimal expected, BigDecimal received, int scale) {
        if (received == null || received.compareTo(expected) == 0) {
            return new Credit(quote, null);
        }
        if (received.compareTo(expected) > 0) {
            return new Credit(quote, OVERPAID);
        }
        if (received.signum() <= 0) {
            return new Credit(BigDecimal.ZERO.setScale(scale), UNDERPAID);
        }
        BigDecimal share = quote.multiply(received).divide(expected, scale, RoundingMode.DOWN);
        return new Credit(share, UNDERPAID);
    }
}
