package cc.marix.reseller.history;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.history.OrderPaymentRound.Via;
import cc.marix.reseller.testing.OrdersThroughMerchant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Orders paid through the merchant gateway while order-expiry closes their windows, under every DynamoDB fault:
 * {@link OrderPaymentRound}. The profile of {@code MerchantOrderPaymentTest}: the suite starts no extra application
 * for it. Seeds, sizes and the soak: {@link Rounds}.
 */
@QuarkusTest
@TestProfile(OrdersThroughMerchant.class)
class MerchantOrderPaymentHistoryTest {

    @Inject
    OrderPaymentRound rounds;

    @Test
    void merchantOrders_shouldEndCompletedAndChargedOnceOrCancelledAndCredited_whenPaymentsRaceTheExpiry()
            throws Exception {
        rounds.run("merchant order payments", Via.MERCHANT, false);
    }
}
