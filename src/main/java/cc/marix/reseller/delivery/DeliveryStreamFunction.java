package cc.marix.reseller.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.hooks.ResellerEvent;
import cc.marix.reseller.hooks.WebhookDeliveries;
import cc.marix.reseller.hooks.WebhookFanOut;
import cc.marix.reseller.lambda.EventFunction;
import cc.marix.reseller.lambda.Functions;
import cc.marix.reseller.support.Ids;

/**
 * The delivery worker: triggered by the table's stream (filtered in template.yaml to new e-mail orders and to the
 * changes reseller webhooks report), it first delivers each e-mail order of the batch and turns each order, top-up or
 * balance change into the webhook messages of the user's endpoints (written due now), and only then makes first
 * attempts of those messages, while the invocation's remaining time allows one more send with a margin to spare:
 * what is left stays due for delivery-retry, so a reseller's slow endpoints never hold up codes sent by e-mail nor
 * time the batch out. A record whose work could not even be attempted (DynamoDB unavailable) is reported in
 * {@code batchItemFailures}, so Lambda retries from it (bisecting, then the failure destination); a failed e-mail,
 * callback or webhook is not such a failure: it is scheduled and retried by delivery-retry.
 */
@ApplicationScoped
public class DeliveryStreamFunction implements EventFunction {

    private static final Logger LOG = Logger.getLogger(DeliveryStreamFunction.class);
    static final String ORDER_PREFIX = "ORDER#";
    /** Left of the invocation's time after the last send may end: to record it and answer the batch. */
    static final Duration MARGIN = Duration.ofSeconds(10);
    /** The time assumed left when no Lambda context tells it (a direct call): less than the worker's timeout. */
    static final Duration UNKNOWN_REMAINING = Duration.ofSeconds(60);

    private final DeliveryWorker worker;
    private final WebhookFanOut fanOut;
    private final WebhookDeliveries webhooks;
    /** The longest one send can take: connecting, then waiting for the answer. */
    private final Duration sendLimit;

    public DeliveryStreamFunction(DeliveryWorker worker, WebhookFanOut fanOut, WebhookDeliveries webhooks,
            AppConfig config) {
        this.worker = worker;
        this.fanOut = fanOut;
        this.webhooks = webhooks;
        this.sendLimit = config.delivery().connectTimeout().plus(config.delivery().requestTimeout());
    }

    @Override
    public String name() {
        return Functions.DELIVERY_WORKER;
    }

    @Override
    public boolean accepts(JsonNode event) {
        return "aws:dynamodb".equals(event.path("Records").path(0).path("eventSource").asText());
    }

    @Override
    public Object handle(JsonNode event) {
        return deliver(event, Optional.empty());
    }

    @Override
    public Object handle(JsonNode event, Optional<Duration> remaining) {
        return deliver(event, remaining);
    }

    /** Not through {@code handle}: a call on {@code this} would go through the bean's decorators once more. */
    private Object deliver(JsonNode event, Optional<Duration> remaining) {
        long deadline = System.nanoTime() + remaining.orElse(UNKNOWN_REMAINING).minus(MARGIN).toNanos();
        List<Map<String, String>> failures = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            String pk = record.path("dynamodb").path("Keys").path("pk").path("S").asText();
            try {
                deliverEmailOrder(record, pk);
                ResellerEvent.of(record).ifPresent(resellerEvent -> messages.addAll(fanOut.fanOut(resellerEvent)));
            } catch (RuntimeException e) {
                LOG.errorf("%s: delivery could not run: %s", pk, e.getClass().getSimpleName());
                failures.add(Map.of("itemIdentifier", record.path("dynamodb").path("SequenceNumber").asText()));
            }
        }
        sendWebhooks(messages, deadline);
        return Map.of("batchItemFailures", failures);
    }

    private void deliverEmailOrder(JsonNode record, String pk) {
        boolean due = record.path("dynamodb").path("NewImage").has("nextAttemptAt");
        if (!pk.startsWith(ORDER_PREFIX) || !due) {
            return;
        }
        if (!Ids.isUuid(pk.substring(ORDER_PREFIX.length()))) {
            // no order of ours has such a key: retrying the record could never deliver anything
            LOG.warn("a stream record whose key is no order's was skipped");
            return;
        }
        worker.deliver(pk.substring(ORDER_PREFIX.length()));
    }

    /**
     * First attempts of the messages written, each started only if it can end before the deadline. The messages are
     * committed and due: one not attempted here (or whose attempt failed to run) is sent by delivery-retry, under
     * the same lease, so none is sent twice.
     */
    private void sendWebhooks(List<String> messages, long deadline) {
        for (int i = 0; i < messages.size(); i++) {
            if (deadline - System.nanoTime() < sendLimit.toNanos()) {
                LOG.infof("%d webhook messages left due for delivery-retry: the invocation's time is short",
                        messages.size() - i);
                return;
            }
            try {
                webhooks.deliver(messages.get(i));
            } catch (RuntimeException e) {
                LOG.errorf("webhook %s: its attempt could not run (%s); delivery-retry sends it", messages.get(i),
                        e.getClass().getSimpleName());
            }
        }
    }
}
