package cc.marix.reseller.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.payment.ProviderUpdate.Phase;

class ConfirmationTest {

    private static final BigDecimal ASKED = new BigDecimal("1500.00");

    @Test
    void newsOnTheWay_shouldNeedNoConfirmation_andEverythingFinalShould() {
        assertFalse(Confirmation.needed(claim(Phase.PROGRESS, null)));
        for (Phase phase : new Phase[] {Phase.PAID, Phase.FAILED, Phase.EXPIRED, Phase.REFUNDED}) {
            assertTrue(Confirmation.needed(claim(phase, null)), phase.name());
        }
    }

    @Test
    void aConfirmedPayment_shouldBeTheProvidersAnswer_underTheCallbacksHash() {
        ProviderUpdate confirmed = Confirmation.of(claim(Phase.PAID, new BigDecimal("1500")),
                answer(Phase.PAID, "paid", new BigDecimal("1500.000")), ASKED).orElseThrow();

        assertEquals(new ProviderUpdate("paid", Phase.PAID, 10, new BigDecimal("1500.000"), "callback:abc",
                ProviderUpdate.CALLBACK), confirmed);
    }

    @Test
    void aCallbackNamingNoAmount_shouldTakeTheProvidersAmount() {
        ProviderUpdate confirmed = Confirmation.of(claim(Phase.PAID, null),
                answer(Phase.PAID, "success", new BigDecimal("1200.50")), ASKED).orElseThrow();

        assertEquals(new BigDecimal("1200.50"), confirmed.received());
    }

    @Test
    void aProviderNamingNoAmount_shouldConfirmOnlyTheAmountAsked() {
        assertNull(Confirmation.of(claim(Phase.PAID, new BigDecimal("1500")), answer(Phase.PAID, "paid", null), ASKED)
                .orElseThrow().received());
        assertEquals(Optional.empty(), Confirmation.of(claim(Phase.PAID, new BigDecimal("1000")),
                answer(Phase.PAID, "paid", null), ASKED));
    }

    @Test
    void anotherAmount_shouldNotConfirm_eitherWay() {
        assertEquals(Optional.empty(), Confirmation.of(claim(Phase.PAID, new BigDecimal("1500")),
                answer(Phase.PAID, "success", new BigDecimal("1000")), ASKED));
        assertEquals(Optional.empty(), Confirmation.of(claim(Phase.PAID, new BigDecimal("1000")),
                answer(Phase.PAID, "success", new BigDecimal("1500")), ASKED));
    }

    @Test
    void anotherPhase_shouldNotConfirm() {
        assertEquals(Optional.empty(), Confirmation.of(claim(Phase.PAID, null), answer(Phase.PROGRESS, "pending", null),
                ASKED));
        assertEquals(Optional.empty(), Confirmation.of(claim(Phase.PAID, null), answer(Phase.REFUNDED, "refunded",
                null), ASKED));
        assertEquals(Optional.empty(), Confirmation.of(claim(Phase.REFUNDED, null), answer(Phase.PAID, "paid", null),
                ASKED));
        assertEquals(Optional.empty(), Confirmation.of(claim(Phase.FAILED, null), answer(Phase.PROGRESS, "pending",
                null), ASKED));
    }

    @Test
    void failedAndExpired_shouldConfirmEachOther_asTheProviderSaysIt() {
        ProviderUpdate confirmed = Confirmation.of(claim(Phase.FAILED, null), answer(Phase.EXPIRED, "timeout", null),
                ASKED).orElseThrow();

        assertEquals(Phase.EXPIRED, confirmed.phase());
        assertEquals("timeout", confirmed.status());
        assertEquals("callback:abc", confirmed.hash());
    }

    private static ProviderUpdate claim(Phase phase, BigDecimal received) {
        return new ProviderUpdate("claimed", phase, 10, received, "callback:abc", ProviderUpdate.CALLBACK);
    }

    private static ProviderUpdate answer(Phase phase, String status, BigDecimal received) {
        return new ProviderUpdate(status, phase, 10, received, ProviderUpdate.POLL + ":" + status,
                ProviderUpdate.POLL);
    }
}
