package cc.marix.reseller.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.LogCapture;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Each fault kind fires through the real path (a partner notification over HTTP into DynamoDB Local) and is logged
 * and counted; the SDK's retries absorb the transient ones, so the partner still gets its one code.
 */
@QuarkusTest
class FaultInjectorTest {

    private static final String TRANSACT = "TransactWriteItems";

    private Stocked stocked;
    private TestPartner partner;

    @BeforeEach
    void stock() {
        TestStack.useHttpFront();
        stocked = Fixtures.product(5);
        partner = Fixtures.partner(stocked.productId());
    }

    @AfterEach
    void unscript() {
        FaultInjector.clearScript();
    }

    @Test
    void throttle_shouldBeRetriedBySdk_andLoggedAndCounted() {
        assertSurvived(FaultKind.THROTTLE, TRANSACT, 2);
    }

    @Test
    void error_shouldBeRetriedBySdk_andLoggedAndCounted() {
        assertSurvived(FaultKind.ERROR, "Query", 2);
    }

    @Test
    void conflict_shouldBeRetriedWithFreshCodes_andLoggedAndCounted() {
        assertSurvived(FaultKind.CONFLICT, TRANSACT, 1);
    }

    @Test
    void afterCommit_shouldCommitThenFailTheAttempt_andLoggedAndCounted() {
        assertSurvived(FaultKind.AFTER_COMMIT, TRANSACT, 1);
    }

    @Test
    void latency_shouldDelayTheCall_andLoggedAndCounted() {
        long started = System.nanoTime();
        assertSurvived(FaultKind.LATENCY, TRANSACT, 1);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 200);
    }

    @Test
    void conflict_shouldNotFire_whenTheOperationIsNoTransaction() {
        long before = FaultInjector.count(FaultKind.CONFLICT);
        FaultInjector.script(FaultKind.CONFLICT, "Query", 1);

        send(Fixtures.unique("FAULT")).then().statusCode(200);

        assertEquals(before, FaultInjector.count(FaultKind.CONFLICT));
    }

    @Test
    void error_shouldAnswer503WithRetryAfter_andWriteNothing_whenEveryAttemptFails() {
        FaultInjector.script(FaultKind.ERROR, "Query", 50);

        send(Fixtures.unique("FAULT")).then().statusCode(503)
                .header("Retry-After", "1")
                .body("error", equalTo("store_unavailable"));
        FaultInjector.clearScript();
        assertStock(5, 0);
    }

    @Test
    void rates_shouldInjectNothing_whenNoneIsInstalled() {
        long before = FaultInjector.counts().values().stream().mapToLong(Long::longValue).sum();

        send(Fixtures.unique("FAULT")).then().statusCode(200);

        assertEquals(before, FaultInjector.counts().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void rates_shouldInjectTheSameFaults_whenTheSeedIsTheSame() {
        String first = seededRun(7);
        String second = seededRun(7);

        assertEquals(first, second);
        assertTrue(first.contains("after-commit") || first.contains("error"), first);
    }

    @Test
    void scriptAfter_shouldLetThePassingAttemptsThrough_thenFailTheNext_andOnlyOfItsOperation() {
        FaultInjector.scriptAfter(2, FaultKind.ERROR, TRANSACT, 1);
        try {
            FaultInjector injector = new FaultInjector();
            injector.beforeTransmission(null, attributes("Query"));
            injector.beforeTransmission(null, attributes(TRANSACT));
            injector.beforeTransmission(null, attributes(TRANSACT));
            RuntimeException third = assertThrows(RuntimeException.class,
                    () -> injector.beforeTransmission(null, attributes(TRANSACT)));
            assertTrue(third.getMessage().startsWith("fault injected: error " + TRANSACT), third.getMessage());
            injector.beforeTransmission(null, attributes(TRANSACT));
        } finally {
            FaultInjector.clearScript();
        }
    }

    /** Which kinds fire on 40 TransactWriteItems attempts at high rates with {@code seed}, in order. */
    private static String seededRun(long seed) {
        StringBuilder fired = new StringBuilder();
        FaultInjector.install(FaultSpec.parse("error=0.3,after-commit=0.3,seed=" + seed));
        try (LogCapture logs = LogCapture.install()) {
            for (int i = 0; i < 40; i++) {
                try {
                    new FaultInjector().beforeTransmission(null, attributes(TRANSACT));
                    fired.append("none;");
                } catch (RuntimeException e) {
                    fired.append(e.getMessage()).append(';');
                }
            }
        } finally {
            FaultInjector.install(null);
        }
        return fired.toString();
    }

    private static ExecutionAttributes attributes(String operation) {
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
        return attributes;
    }

    private void assertSurvived(FaultKind kind, String operation, int times) {
        long before = FaultInjector.counts().getOrDefault(kind.wire() + " " + operation, 0L);
        Response response;
        try (LogCapture logs = LogCapture.install()) {
            FaultInjector.script(kind, operation, times);
            response = send(Fixtures.unique("FAULT"));
            long logged = logs.lines().stream()
                    .filter(line -> line.text().equals("fault injected: " + kind.wire() + " " + operation)).count();
            assertEquals(times, logged);
        }
        FaultInjector.clearScript();

        response.then().statusCode(200).header("Idempotent-Replayed", nullValue());
        assertTrue(stocked.codes().contains(response.<String>path("payload.value")));
        assertEquals(before + times, FaultInjector.counts().get(kind.wire() + " " + operation));
        assertStock(4, 1);
    }

    private Response send(String externalOrderId) {
        byte[] bytes = Notifications.bytes(Notifications.orderPaid(externalOrderId, stocked.productId(), 1));
        return given().contentType("application/json").body(bytes)
                .header("X-Signature", PartnerSignature.sign(partner.secret(), bytes))
                .header("X-Event-Id", UUID.randomUUID().toString())
                .when().post(Notifications.path(partner.slug())).andReturn();
    }

    private void assertStock(long available, long delivered) {
        JsonNode report = Fixtures.stock(stocked.productId());
        assertEquals(available, report.path("available").asLong(), "available");
        assertEquals(delivered, report.path("delivered").asLong(), "delivered");
    }
}
