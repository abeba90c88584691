package cc.marix.reseller.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class CreditRuleTest {

    private static final BigDecimal QUOTE = new BigDecimal("1000.00");
    private static final BigDecimal EXPECTED = new BigDecimal("10.80");

    @Test
    void theWholeAmount_orNoAmountSaid_shouldCreditTheQuote() {
        assertEquals(new CreditRule.Credit(QUOTE, null), CreditRule.credit(QUOTE, EXPECTED, new BigDecimal("10.8"), 2));
        assertNull(CreditRule.credit(QUOTE, EXPECTED, null, 2).flag());
    }

    @Test
    void less_shouldCreditTheReceivedShareRoundedDown_andFlagIt() {
        CreditRule.Credit credit = CreditRule.credit(QUOTE, EXPECTED, new BigDecimal("5.40"), 2);
        assertEquals(new BigDecimal("500.00"), credit.amount());
        assertEquals(CreditRule.UNDERPAID, credit.flag());
        // 1000 x 1 / 3 = 333.333... -> 333.33, never rounded up to the user's favour
        assertEquals(new BigDecimal("333.33"),
                CreditRule.credit(QUOTE, new BigDecimal("3"), BigDecimal.ONE, 2).amount());
        assertEquals(new BigDecimal("999.99"),
                CreditRule.credit(QUOTE, EXPECTED, new BigDecimal("10.7999"), 2).amount());
    }

    @Test
    void nothingOrLess_shouldCreditZero_andMore_shouldCreditTheQuoteFlagged() {
        assertEquals(new CreditRule.Credit(new BigDecimal("0.00"), CreditRule.UNDERPAID),
                CreditRule.credit(QUOTE, EXPECTED, BigDecimal.ZERO, 2));
        assertEquals(new CreditRule.Credit(QUOTE, CreditRule.OVERPAID),
                CreditRule.credit(QUOTE, EXPECTED, new BigDecimal("11"), 2));
    }
}
