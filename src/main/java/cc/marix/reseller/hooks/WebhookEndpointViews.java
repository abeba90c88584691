package cc.marix.reseller.hooks;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The webhook endpoint routes' answers. Only creation and rotation show a secret, each once. */
public final class WebhookEndpointViews {

    private WebhookEndpointViews() {
    }

    @RegisterForReflection
    public record Created(String id, String url, List<String> events, String description, String secret,
            String createdAt) {

        @Override
        public String toString() {
            return "Created[id=" + id + ", secret=***]";
        }
    }

    @RegisterForReflection
    public record Listed(String id, String url, List<String> events, String description, String createdAt) {
    }

    /** A new secret; the one it replaces signs too until {@code previousSecretExpiresAt}. */
    @RegisterForReflection
    public record Rotated(String id, String secret, String previousSecretExpiresAt) {

        @Override
        public String toString() {
            return "Rotated[id=" + id + ", secret=***]";
        }
    }

    /** How many undelivered messages of the endpoint were made due again. */
    @RegisterForReflection
    public record Replayed(String id, int replayed) {
    }

    static Listed listed(WebhookEndpoint endpoint) {
        return new Listed(endpoint.id(), endpoint.url(), wire(endpoint.events()), endpoint.description(),
                endpoint.createdAt());
    }

    static List<String> wire(List<WebhookEventType> events) {
        return events.stream().map(WebhookEventType::wire).toList();
    }
}
