package cc.marix.reseller.history;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.history.OrderPaymentRound.Via;
import cc.marix.reseller.testing.OrdersThroughMerchant;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Orders paid through the merchant gateway while order-expiry closes their windows, under every DynamoDB fault:
 * {@link OrderPaymentRound}. The profile of {@code MerchantOrderPaymentTest}: the suite starts no extra application
 * for it. Seeds, sizes and the soak: {@link Rounds}.
 */
@QuarkusTest
@TestProfile(OrdersThroughMerchant.class)
class MerchantOrderPaymentHistoryTest {

    @Inject
    LambdaHttpHandler handler;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    private OrderPaymentRound round;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        round = new OrderPaymentRound(handler, new Books(dynamo, config.table().name()), clock, Via.MERCHANT);
    }

    @AfterEach
    void faultsOff() {
        Rounds.faultsOff();
    }

    @Test
    void merchantOrders_shouldEndCompletedAndChargedOnceOrCancelledAndCredited_whenPaymentsRaceTheExpiry()
            throws Exception {
        Rounds.run("merchant order payments", round::run);
    }
}
