package cc.marix.reseller.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.hooks.WebhookDeliveries;
import cc.marix.reseller.hooks.WebhookMessageStore;
import cc.marix.reseller.lambda.EventFunction;
import cc.marix.reseller.lambda.Functions;
import cc.marix.reseller.lambda.ScheduledJob;
import cc.marix.reseller.order.OrderStore;
import cc.marix.reseller.support.CrashPoints;

/**
 * Runs on a schedule ({@code {"job": "delivery-retry"}}, every minute) and delivers every order whose next attempt
 * is due: the retries of failed e-mails and callbacks, and anything a crashed worker left behind; then, in what is
 * left of the run's budget, every reseller webhook message that is due (retries, replays, and what the stream
 * worker left for lack of time).
 */
@ApplicationScoped
public class DeliveryRetryFunction implements EventFunction {

    private static final Logger LOG = Logger.getLogger(DeliveryRetryFunction.class);
    static final String JOB = "delivery-retry";

    private final OrderStore orders;
    private final DeliveryWorker worker;
    private final WebhookMessageStore messages;
    private final WebhookDeliveries webhooks;
    private final Clock clock;
    private final int batchSize;
    private final Duration budget;

    public DeliveryRetryFunction(OrderStore orders, DeliveryWorker worker, WebhookMessageStore messages,
            WebhookDeliveries webhooks, Clock clock, AppConfig config) {
        this.orders = orders;
        this.worker = worker;
        this.messages = messages;
        this.webhooks = webhooks;
        this.clock = clock;
        this.batchSize = config.delivery().batchSize();
        this.budget = config.delivery().retryRunBudget();
    }

    @Override
    public String name() {
        return Functions.DELIVERY_RETRY;
    }

    @Override
    public boolean accepts(JsonNode event) {
        return ScheduledJob.is(event, JOB);
    }

    @Override
    public Object handle(JsonNode event) {
        ScheduledJob.require(event, JOB);
        long started = System.nanoTime();
        List<String> due = orders.due(clock.instant(), batchSize);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (String orderId : due) {
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(budget) > 0) {
                // the rest is still due: the next run, a minute from now, takes it
                outcomes.merge("left_for_next_run", 1, Integer::sum);
                continue;
            }
            String outcome;
            try {
                outcome = worker.deliver(orderId).name().toLowerCase(Locale.ROOT);
            } catch (RuntimeException e) {
                LOG.errorf("order %s: delivery could not run: %s", orderId, e.getClass().getSimpleName());
                outcome = "error";
            }
            outcomes.merge(outcome, 1, Integer::sum);
            CrashPoints.reached(CrashPoints.MID_DELIVERY_RETRY);
        }
        List<String> dueWebhooks = messages.due(clock.instant(), batchSize);
        Map<String, Integer> webhookOutcomes = new TreeMap<>();
        for (String messageId : dueWebhooks) {
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(budget) > 0) {
                webhookOutcomes.merge("left_for_next_run", 1, Integer::sum);
                continue;
            }
            String outcome;
            try {
                outcome = webhooks.deliver(messageId).name().toLowerCase(Locale.ROOT);
            } catch (RuntimeException e) {
                LOG.errorf("webhook %s: delivery could not run: %s", messageId, e.getClass().getSimpleName());
                outcome = "error";
            }
            webhookOutcomes.merge(outcome, 1, Integer::sum);
        }
        return Map.of("due", due.size(), "outcomes", outcomes, "webhooksDue", dueWebhooks.size(),
                "webhookOutcomes", webhookOutcomes);
    }
}
