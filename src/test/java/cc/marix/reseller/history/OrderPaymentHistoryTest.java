package cc.marix.reseller.history;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.history.OrderPaymentRound.Via;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Orders paid through Tribute (the default order provider) while order-expiry closes their windows, under every
 * DynamoDB fault: {@link OrderPaymentRound}. Seeds, sizes and the soak: {@link Rounds}.
 */
@QuarkusTest
class OrderPaymentHistoryTest {

    @Inject
    OrderPaymentRound rounds;

    @Test
    void tributeOrders_shouldEndCompletedAndChargedOnceOrCancelledAndCredited_whenPaymentsRaceTheExpiry()
            throws Exception {
        rounds.run("tribute order payments", Via.TRIBUTE, false);
    }

    @Test
    void tributeOrders_shouldHoldEveryInvariant_whenBurstsBring503sToBuyersAndTribute() throws Exception {
        rounds.run("tribute order payments", Via.TRIBUTE, true);
    }
}
