package cc.marix.reseller.history;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.history.OrderPaymentRound.Via;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Orders paid through Tribute (the default order provider) while order-expiry closes their windows, under every
 * DynamoDB fault: {@link OrderPaymentRound}. Seeds, sizes and the soak: {@link Rounds}.
 */
@QuarkusTest
class OrderPaymentHistoryTest {

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
        round = new OrderPaymentRound(handler, new Books(dynamo, config.table().name()), clock, Via.TRIBUTE);
    }

    @AfterEach
    void faultsOff() {
        Rounds.faultsOff();
    }

    @Test
    void tributeOrders_shouldEndCompletedAndChargedOnceOrCancelledAndCredited_whenPaymentsRaceTheExpiry()
            throws Exception {
        Rounds.run("tribute order payments", round::run);
    }

    @Test
    void tributeOrders_shouldHoldEveryInvariant_whenBurstsBring503sToBuyersAndTribute() throws Exception {
        Rounds.runWithBursts("tribute order payments", round::run);
    }
}
