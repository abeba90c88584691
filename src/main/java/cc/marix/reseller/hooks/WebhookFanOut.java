package cc.marix.reseller.hooks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.account.BalanceStore;
import cc.marix.reseller.apiorder.OrderReader;
import cc.marix.reseller.catalog.Localized;
import cc.marix.reseller.checkout.TopupDetails;
import cc.marix.reseller.order.StepState;
import cc.marix.reseller.support.Times;

/**
 * Turns an event into one message per endpoint of the user that subscribes to its type. The body is rendered once,
 * here, by the code the GET routes answer with (orders in the default language, as a GET without
 * {@code x-language}), and stored with the message, so every attempt sends (and signs) the same bytes. The event's
 * marker is written with the messages in one transaction: the same event fanned out again writes nothing.
 */
@ApplicationScoped
public class WebhookFanOut {

    private static final Logger LOG = Logger.getLogger(WebhookFanOut.class);

    private final WebhookEndpointStore endpoints;
    private final WebhookMessageStore messages;
    private final OrderReader orders;
    private final TopupDetails topUps;
    private final BalanceStore balances;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookFanOut(WebhookEndpointStore endpoints, WebhookMessageStore messages, OrderReader orders,
            TopupDetails topUps, BalanceStore balances, ObjectMapper json, Clock clock) {
        this.endpoints = endpoints;
        this.messages = messages;
        this.orders = orders;
        this.topUps = topUps;
        this.balances = balances;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Writes the event's messages and answers their ids, to be delivered now; the ids again when the event was
     * fanned out before (those already delivered are not due, so nothing is sent twice); none when no endpoint
     * wants the event.
     */
    public List<String> fanOut(ResellerEvent event) {
        List<WebhookEndpoint> subscribed = endpoints.list(event.userId()).stream()
                .filter(endpoint -> endpoint.subscribes(event.type())).toList();
        if (subscribed.isEmpty()) {
            return List.of();
        }
        Optional<Object> data = data(event);
        if (data.isEmpty()) {
            LOG.warnf("event %s (%s): its %s is gone; nothing sent", event.eventId(), event.type().wire(),
                    event.subjectId());
            return List.of();
        }
        Instant now = clock.instant();
        String body = body(new WebhookBody(event.type().wire(), Times.api(now), data.get()));
        String at = Times.sortable(now);
        List<WebhookMessage> created = subscribed.stream().map(endpoint -> new WebhookMessage(
                WebhookMessageItems.messageId(event.eventId(), endpoint.id()), event.eventId(), event.type(),
                event.userId(), endpoint.id(), body, at, StepState.PENDING, 0, at, null)).toList();
        if (!messages.create(event.eventId(), event.userId(), event.type(), created, now)) {
            LOG.debugf("event %s was fanned out before", event.eventId());
        }
        return created.stream().map(WebhookMessage::id).toList();
    }

    private Optional<Object> data(ResellerEvent event) {
        return switch (event.type()) {
            case ORDER_COMPLETED, ORDER_CANCELLED ->
                orders.detail(event.userId(), event.subjectId(), Localized.DEFAULT_LANGUAGE).map(Object.class::cast);
            case TOPUP_COMPLETED, TOPUP_FAILED -> topUps.ofUser(event.userId(), event.subjectId());
            case BALANCE_CHANGED -> Optional.of(balances.balances(event.userId()));
        };
    }

    private String body(WebhookBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook body could not be written", e);
        }
    }
}
