package cc.marix.reseller.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.lambda.EventFunction;
import cc.marix.reseller.lambda.Functions;
import cc.marix.reseller.support.Ids;

/**
 * The delivery worker: triggered by the table's stream (filtered in template.yaml to new e-mail orders), it delivers
 * each order of the batch. A record whose delivery could not even be attempted (DynamoDB unavailable) is reported
 * in {@code batchItemFailures}, so Lambda retries from it (bisecting, then the failure destination); a failed
 * e-mail or callback is not such a failure: it is scheduled in the order and retried by delivery-retry.
 */
@ApplicationScoped
public class DeliveryStreamFunction implements EventFunction {

    private static final Logger LOG = Logger.getLogger(DeliveryStreamFunction.class);
    static final String ORDER_PREFIX = "ORDER#";

    private final DeliveryWorker worker;

    public DeliveryStreamFunction(DeliveryWorker worker) {
        this.worker = worker;
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
            boolean due = record.path("dynamodb").path("NewImage").has("nextAttemptAt");
            if (!pk.startsWith(ORDER_PREFIX) || !due) {
                continue;
            }
            if (!Ids.isUuid(pk.substring(ORDER_PREFIX.length()))) {
                // no order of ours has such a key: retrying the record could never deliver anything
                LOG.warn("a stream record whose key is no order's was skipped");
                continue;
            }
            try {
                worker.deliver(pk.substring(ORDER_PREFIX.length()));
            } catch (RuntimeException e) {
                LOG.errorf("order %s: delivery could not run: %s", pk, e.getClass().getSimpleName());
                failures.add(Map.of("itemIdentifier", record.path("dynamodb").path("SequenceNumber").asText()));
            }
        }
        return Map.of("batchItemFailures", failures);
    }
}
