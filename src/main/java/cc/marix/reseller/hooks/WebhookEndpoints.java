package cc.marix.reseller.hooks;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.support.Times;

/**
 * What the webhook endpoint routes do: create (the secret shown once), list (no secrets), delete, rotate (the
 * secret it replaces signs for {@link #PREVIOUS_SECRET_TTL} more) and replay. A user reaches only their own
 * endpoints: they are keyed by the user, so someone else's is simply not found.
 */
@ApplicationScoped
public class WebhookEndpoints {

    /** How long a rotated-out secret keeps signing, so receivers can switch without losing a delivery. */
    static final Duration PREVIOUS_SECRET_TTL = Duration.ofHours(24);
    /** The current secret and at most two rotated out: rotating again and again cannot grow the item. */
    static final int MAX_SECRETS = 3;
    /** Undelivered messages one replay makes due again (the newest). */
    static final int REPLAY_LIMIT = 100;

    private final WebhookEndpointStore store;
    private final WebhookMessageStore messages;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public WebhookEndpoints(WebhookEndpointStore store, WebhookMessageStore messages, Ids ids, Clock clock) {
        this.store = store;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
    }

    public WebhookEndpointViews.Created create(String userId, WebhookEndpointRequest request) {
        EndpointSecret secret = EndpointSecret.generate(random);
        WebhookEndpoint endpoint = new WebhookEndpoint(ids.nextString(), userId, request.url(), request.events(),
                request.description(), Times.api(clock.instant()), List.of(secret), 0);
        if (!store.create(endpoint)) {
            throw new ApiException(409, "too_many_endpoints", "a user has at most "
                    + WebhookEndpointItems.MAX_ENDPOINTS + " webhook endpoints; delete one first");
        }
        return new WebhookEndpointViews.Created(endpoint.id(), endpoint.url(),
                WebhookEndpointViews.wire(endpoint.events()), endpoint.description(), secret.value(),
                endpoint.createdAt());
    }

    public List<WebhookEndpointViews.Listed> list(String userId) {
        return store.list(userId).stream().map(WebhookEndpointViews::listed).toList();
    }

    public void delete(String userId, String endpointId) {
        if (!store.delete(userId, endpointId)) {
            throw notFound(endpointId);
        }
    }

    public WebhookEndpointViews.Rotated rotate(String userId, String endpointId) {
        WebhookEndpoint endpoint = store.find(userId, endpointId).orElseThrow(() -> notFound(endpointId));
        Instant now = clock.instant();
        Instant previousUntil = now.plus(PREVIOUS_SECRET_TTL);
        List<EndpointSecret> live = endpoint.liveSecrets(now);
        if (live.size() >= MAX_SECRETS) {
            // a fourth would push out a rotated-out secret before the 24 h it was promised
            throw new ApiException(409, "too_many_secrets", "two rotated-out secrets of this endpoint are still valid;"
                    + " rotate again when the older one expires");
        }
        List<EndpointSecret> kept = new ArrayList<>();
        for (EndpointSecret secret : live) {
            // never longer than a secret already had: rotating twice does not revive the first one
            Instant until = secret.expiresAt() == null || secret.expiresAt().isAfter(previousUntil) ? previousUntil
                    : secret.expiresAt();
            kept.add(new EndpointSecret(secret.value(), until));
        }
        EndpointSecret fresh = EndpointSecret.generate(random);
        kept.add(fresh);
        if (!store.replaceSecrets(endpoint, List.copyOf(kept))) {
            throw new ApiException(409, "endpoint_changed", "the endpoint was changed or deleted meanwhile; try again");
        }
        return new WebhookEndpointViews.Rotated(endpoint.id(), fresh.value(), Times.api(previousUntil));
    }

    /** Makes the endpoint's newest undelivered messages due now; the delivery-retry job sends them. */
    public WebhookEndpointViews.Replayed replay(String userId, String endpointId) {
        store.find(userId, endpointId).orElseThrow(() -> notFound(endpointId));
        return new WebhookEndpointViews.Replayed(endpointId, replayMessages(endpointId).size());
    }

    /** The replay itself, for an endpoint the caller may name (the admin): the ids of the messages made due. */
    public List<String> replayMessages(String endpointId) {
        Instant now = clock.instant();
        List<String> replayed = new ArrayList<>();
        for (WebhookMessage message : messages.undelivered(endpointId, REPLAY_LIMIT)) {
            if (messages.rearm(message, now)) {
                replayed.add(message.id());
            }
        }
        return replayed;
    }

    private static ApiException notFound(String endpointId) {
        return ApiException.notFound("webhook_endpoint_not_found", "no webhook endpoint " + endpointId);
    }
}
