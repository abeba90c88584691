package cc.marix.reseller.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The rule a pair of rates keeps: converting an amount there and back never gives more than it started with, i.e.
 * {@code rate x inverse <= 1}. A derived inverse is {@code 1 / rate} rounded down (toward zero): rounding up would
 * make the product a hair above 1, and a balance moved back and forth would grow by that hair each time.
 */
public final class RoundTrip {

    private RoundTrip() {
    }

    /** {@code 1 / rate} rounded down to {@code scale} places; zero when the rate is too large to invert there. */
    public static BigDecimal inverse(BigDecimal rate, int scale) {
        return BigDecimal.ONE.divide(rate, scale, RoundingMode.DOWN);
    }

    /** Whether going there at {@code rate} and back at {@code inverse} makes money. */
    public static boolean gains(BigDecimal rate, BigDecimal inverse) {
        return rate.multiply(inverse).compareTo(BigDecimal.ONE) > 0;
    }
}
