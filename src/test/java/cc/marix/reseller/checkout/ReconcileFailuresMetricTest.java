package cc.marix.reseller.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.MetricLines;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;

/** payment-reconcile writes ReconcileFailures (alarm ReconcileFailuresAlarm) on every run: its failed payments. */
@QuarkusTest
class ReconcileFailuresMetricTest {

    private static final String RECONCILE = "{\"job\": \"payment-reconcile\"}";

    @Inject
    TestClock clock;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
        String uuid = UUID.randomUUID().toString();
        Tribute.topUp(Orders.buyer(null), "700", uuid);
        Tribute.statusIs(uuid, "pending");
        clock.advance(Duration.ofMinutes(3));
    }

    @Test
    void aHealthyRun_shouldWriteItsFailures_zeroIncluded() {
        JsonNode run = runAndRead();

        assertTrue(run.path("due").asInt() >= 1, run.toString());
    }

    /** Runs reconcile once: one line, whose value is the run's own count of failed payments. */
    private static JsonNode runAndRead() {
        AtomicReference<String> answer = new AtomicReference<>();
        List<JsonNode> failures = MetricLines.of(MetricLines.during(() -> answer.set(TestStack.invoke(RECONCILE))),
                "ReconcileFailures", null);
        assertEquals(1, failures.size(), failures.toString());
        JsonNode run = Json.parse(answer.get());
        assertEquals(run.path("outcomes").path("failed").asInt(0), failures.get(0).path("ReconcileFailures").asInt(),
                run.toString());
        assertEquals("[[]]", failures.get(0).path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions")
                .toString());
        return run;
    }
}
