package cc.marix.reseller.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;

class RoundTripTest {

    @Test
    void inverse_shouldRoundDown_soThereAndBackNeverGains() {
        assertEquals(new BigDecimal("0.0108108108"), RoundTrip.inverse(new BigDecimal("92.50"), 10));
        assertEquals(new BigDecimal("0.6666666666"), RoundTrip.inverse(new BigDecimal("1.5"), 10));
        assertEquals(new BigDecimal("0.1428571428"), RoundTrip.inverse(new BigDecimal("7"), 10));
        for (String rate : new String[] {"92.50", "1.5", "7", "0.0110", "3", "0.3333333333", "99999.9999999999"}) {
            BigDecimal direct = new BigDecimal(rate);
            assertFalse(RoundTrip.gains(direct, RoundTrip.inverse(direct, 10)), rate);
        }
    }

    @Test
    void inverse_shouldBeZero_whenTheRateIsTooLargeForTheScale() {
        assertEquals(0, RoundTrip.inverse(new BigDecimal("20000000000"), 10).signum());
    }

    @Test
    void gains_shouldBeTrue_onlyAboveOne() {
        assertFalse(RoundTrip.gains(new BigDecimal("2"), new BigDecimal("0.5")));
        assertTrue(RoundTrip.gains(new BigDecimal("2"), new BigDecimal("0.5000000001")));
        assertTrue(RoundTrip.gains(new BigDecimal("92.50"), new BigDecimal("0.011")));
        // the half-up inverse of 1.5 is exactly the trap the rounding avoids
        BigDecimal halfUp = BigDecimal.ONE.divide(new BigDecimal("1.5"), 10, RoundingMode.HALF_UP);
        assertTrue(RoundTrip.gains(new BigDecimal("1.5"), halfUp));
    }
}
