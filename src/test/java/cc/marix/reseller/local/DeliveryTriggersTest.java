package cc.marix.reseller.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The local event source mapping and schedule of the delivery functions, driven tick by tick. */
class DeliveryTriggersTest {

    private static final String BATCH = "{\"Records\":[{\"eventSource\":\"aws:dynamodb\"}]}";

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final Deque<List<String>> streamPolls = new ArrayDeque<>();
    private final List<String> invoked = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();

    private final DeliveryTriggers triggers = new DeliveryTriggers(event -> {
        invoked.add(event);
        Object answer = answers.isEmpty() ? "{\"batchItemFailures\":[]}" : answers.poll();
        if (answer instanceof RuntimeException failure) {
            throw failure;
        }
        return (String) answer;
    }, () -> streamPolls.isEmpty() ? List.of() : streamPolls.poll(), () -> { },
            new PrintStream(logged, true, StandardCharsets.UTF_8));

    @Test
    void newStreamBatch_shouldBeInvokedOnce() {
        streamPolls.add(List.of(BATCH));

        triggers.feedStream();
        triggers.feedStream();

        assertEquals(List.of(BATCH), invoked);
        assertTrue(log().contains("delivery-worker <- 1 stream record(s)"), log());
    }

    @Test
    void failedBatch_shouldBeSentAgain_thenDroppedAfterTheLastAttempt() {
        streamPolls.add(List.of(BATCH));
        for (int i = 0; i < DeliveryTriggers.BATCH_ATTEMPTS; i++) {
            answers.add(LambdaInvocationException.raised("Runtime.ExitError", "boom"));
        }

        for (int tick = 0; tick < DeliveryTriggers.BATCH_ATTEMPTS + 2; tick++) {
            triggers.feedStream();
        }

        assertEquals(DeliveryTriggers.BATCH_ATTEMPTS, invoked.size());
        assertEquals(1, count("sending the batch again"), "the same error is logged once: " + log());
        assertEquals(1, count("dropping the batch"), log());
    }

    @Test
    void batchItemFailures_shouldSendTheBatchAgain() {
        streamPolls.add(List.of(BATCH));
        answers.add("{\"batchItemFailures\":[{\"itemIdentifier\":\"1\"}]}");

        triggers.feedStream();
        triggers.feedStream();

        assertEquals(List.of(BATCH, BATCH), invoked);
    }

    @Test
    void brokenStream_shouldBeLogged_andNotStopTheLoop() {
        DeliveryTriggers broken = new DeliveryTriggers(event -> "{}", () -> {
            throw new IllegalStateException("DynamoDB Local is gone");
        }, () -> { }, new PrintStream(logged, true, StandardCharsets.UTF_8));

        broken.feedStream();
        broken.feedStream();

        assertEquals(1, count("DynamoDB Local is gone"), log());
    }

    @Test
    void retrySchedule_shouldLogOnlyRunsThatFoundWork() {
        answers.add("{\"due\":0,\"outcomes\":{}}");
        answers.add("{\"due\":1,\"outcomes\":{\"delivered\":1}}");

        triggers.runRetry();
        triggers.runRetry();

        assertEquals(List.of(DeliveryTriggers.RETRY_EVENT, DeliveryTriggers.RETRY_EVENT), invoked);
        assertEquals(1, count("delivery-retry ->"), log());
    }

    @Test
    void reconcileSchedule_shouldLogOnlyRunsThatFoundPayments() {
        answers.add("{\"due\":0,\"outcomes\":{}}");
        answers.add("{\"due\":1,\"outcomes\":{\"credited\":1}}");

        triggers.runReconcile();
        triggers.runReconcile();

        assertEquals(List.of(DeliveryTriggers.RECONCILE_EVENT, DeliveryTriggers.RECONCILE_EVENT), invoked);
        assertEquals(1, count("payment-reconcile ->"), log());
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    private int count(String text) {
        return log().split(Pattern.quote(text), -1).length - 1;
    }
}
