package cc.marix.reseller.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.hooks.ResellerEvent;
import cc.marix.reseller.hooks.WebhookDeliveries;
import cc.marix.reseller.hooks.WebhookFanOut;
import cc.marix.reseller.lambda.EventFunction;
import cc.marix.reseller.lambda.Functions;
import cc.marix.reseller.support.Ids;

/**
 * The delivery worker: triggered by the table's stream (filtered in template.yaml to new e-mail orders and to the
 * changes reseller webhooks report), it delivers each e-mail order of the batch, and turns each order, top-up or
 * balance change into the webhook messages of the user's endpoints, then sends them. A record whose work could not
 * even be attempted (DynamoDB unavailable) is reported in {@code batchItemFailures}, so Lambda retries from it
 * (bisecting, then the failure destination); a failed e-mail, callback or webhook is not such a failure: it is
 * scheduled and retried by delivery-retry.
 */
@ApplicationScoped
public class DeliveryStreamFunction implements EventFunction {

    private static final Logger LOG = Logger.getLogger(DeliveryStreamFunction.class);
    static final String ORDER_PREFIX = "ORDER#";
    /** Webhook sends a record starts; what is left stays due for delivery-retry, so the batch fits the timeout. */
    static final Duration WEBHOOK_BUDGET = Duration.ofSeconds(30);

    private final DeliveryWorker worker;
    private final WebhookFanOut fanOut;
    private final WebhookDeliveries webhooks;

    public DeliveryStreamFunction(DeliveryWorker worker, WebhookFanOut fanOut, WebhookDeliveries webhooks) {
        this.worker = worker;
        this.fanOut = fanOut;
        this.webhooks = webhooks;
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
        List<Map<String, String>> failures = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            String pk = record.path("dynamodb").path("Keys").path("pk").path("S").asText();
            try {
                deliverEmailOrder(record, pk);
                ResellerEvent.of(record).ifPresent(this::sendWebhooks);
            } catch (RuntimeException e) {
                LOG.errorf("%s: delivery could not run: %s", pk, e.getClass().getSimpleName());
                failures.add(Map.of("itemIdentifier", record.path("dynamodb").path("SequenceNumber").asText()));
            }
        }
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

    private void sendWebhooks(ResellerEvent resellerEvent) {
        long started = System.nanoTime();
        for (String messageId : fanOut.fanOut(resellerEvent)) {
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(WEBHOOK_BUDGET) > 0) {
                return;
            }
            webhooks.deliver(messageId);
        }
    }
}
