package cc.marix.reseller.hooks;

import java.time.Instant;
import java.util.List;

/**
 * A reseller's webhook endpoint: where to POST which events, signed with which secrets (the current one last; any
 * rotated out stay until their {@code expiresAt}). {@code version} moves on with every rotation, so concurrent
 * rotations cannot both win.
 */
public record WebhookEndpoint(String id, String userId, String url, List<WebhookEventType> events,
        String description, String createdAt, List<EndpointSecret> secrets, long version) {

    public boolean subscribes(WebhookEventType type) {
        return events.contains(type);
    }

    /** The secrets that sign a delivery made at {@code now}, oldest first. */
    public List<EndpointSecret> liveSecrets(Instant now) {
        return secrets.stream().filter(secret -> secret.liveAt(now)).toList();
    }
}
