package cc.marix.reseller.hooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.delivery.CallbackResult;
import cc.marix.reseller.delivery.CallbackUrlPolicy;
import cc.marix.reseller.delivery.CallbackUrlRefused;
import cc.marix.reseller.delivery.DeliveryWorker.Outcome;
import cc.marix.reseller.delivery.PartnerCallbackSender;
import cc.marix.reseller.delivery.RetrySchedule;
import cc.marix.reseller.hooks.WebhookMessageStore.Leased;
import cc.marix.reseller.order.StepState;
import cc.marix.reseller.support.Times;

/**
 * Delivers one reseller webhook message the way partner callbacks are delivered: leased, the URL checked again
 * (SSRF) right before the send, POSTed by {@link PartnerCallbackSender} with the Standard Webhooks headers, the
 * outcome recorded under the lease; a retryable failure is due again on the partner callbacks' schedule
 * ({@code app.delivery.retry-schedule}) until it is parked. An acknowledged message is never sent again.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class);

    private final WebhookMessageStore messages;
    private final WebhookEndpointStore endpoints;
    private final PartnerCallbackSender sender;
    private final CallbackUrlPolicy policy;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final Duration lease;

    public WebhookDeliveries(WebhookMessageStore messages, WebhookEndpointStore endpoints,
            PartnerCallbackSender sender, CallbackUrlPolicy policy, Clock clock, AppConfig config) {
        this.messages = messages;
        this.endpoints = endpoints;
        this.sender = sender;
        this.policy = policy;
        this.clock = clock;
        this.lease = config.delivery().lease();
        this.schedule = new RetrySchedule(config.delivery().retrySchedule(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public Outcome deliver(String messageId) {
        Instant now = clock.instant();
        Optional<Leased> leased = messages.lease(messageId, now, now.plus(lease));
        if (leased.isEmpty()) {
            return Outcome.NOTHING_DUE;
        }
        WebhookMessage message = leased.get().message();
        int attempt = message.attempts() + 1;
        Optional<WebhookEndpoint> endpoint = endpoints.find(message.userId(), message.endpointId());
        if (endpoint.isEmpty()) {
            LOG.infof("webhook %s: endpoint %s was deleted; not sent", message.id(), message.endpointId());
            return finish(leased.get(), message.after(StepState.REJECTED, attempt, null, null), Outcome.STOPPED);
        }
        URI target;
        try {
            target = policy.check(endpoint.get().url());
        } catch (CallbackUrlRefused refused) {
            LOG.warnf("webhook %s to endpoint %s, attempt %d not sent: %s", message.id(), message.endpointId(),
                    attempt, refused.getMessage());
            if (!refused.transientFailure()) {
                return finish(leased.get(), message.after(StepState.REJECTED, attempt, null, null), Outcome.STOPPED);
            }
            Optional<Instant> next = schedule.next(attempt, now);
            return finish(leased.get(), message.after(next.isPresent() ? StepState.PENDING : StepState.PARKED,
                    attempt, next.map(Times::sortable).orElse(null), null),
                    next.isPresent() ? Outcome.CALLBACK_RETRY : Outcome.PARKED);
        }
        List<byte[]> keys = endpoint.get().liveSecrets(now).stream().map(EndpointSecret::key).toList();
        // webhook-id is the event's: the same to every endpoint and on every attempt, as Standard Webhooks' "message"
        CallbackResult result = sender.sendStandard(target, message.body().getBytes(StandardCharsets.UTF_8), keys,
                message.eventId(), now.getEpochSecond());
        Optional<Instant> next = result.retryable() ? schedule.next(attempt, clock.instant()) : Optional.empty();
        StepState state = result.state(next.isPresent());
        LOG.infof("webhook %s (%s) to endpoint %s: attempt %d %s -> %s", message.id(), message.type().wire(),
                message.endpointId(), attempt, result.httpStatus() != null ? "answered " + result.httpStatus()
                        : "got no answer (" + result.failure() + ")", state.wire());
        Outcome outcome = switch (state) {
            case DONE -> Outcome.DELIVERED;
            case PENDING -> Outcome.CALLBACK_RETRY;
            case PARKED -> Outcome.PARKED;
            default -> Outcome.STOPPED;
        };
        return finish(leased.get(), message.after(state, attempt, next.map(Times::sortable).orElse(null),
                result.httpStatus()), outcome);
    }

    private Outcome finish(Leased leased, WebhookMessage after, Outcome outcome) {
        return messages.record(leased, after) ? outcome : Outcome.LEASE_LOST;
    }
}
