package cc.marix.reseller.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.hooks.WebhookDeliveries;
import cc.marix.reseller.hooks.WebhookEndpoints;
import cc.marix.reseller.support.Ids;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code replayWebhooks {endpointId}}: makes a reseller endpoint's newest undelivered (parked, gone or rejected)
 * webhook messages due again with fresh attempts, and delivers them now. An acknowledged message is never sent again.
 */
@ApplicationScoped
public class ReplayWebhooks implements AdminAction {

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;

    public ReplayWebhooks(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @Override
    public String name() {
        return "replayWebhooks";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String endpointId = fields.text(event, "endpointId", true, 36);
        if (endpointId != null && !Ids.isUuid(endpointId)) {
            fields.add(Violation.of("Input should be a valid UUID", "uuid_parsing", "endpointId"));
        }
        fields.check();
        List<String> replayed = endpoints.replayMessages(endpointId.toLowerCase(Locale.ROOT));
        Map<String, Integer> outcomes = new TreeMap<>();
        for (String messageId : replayed) {
            outcomes.merge(deliveries.deliver(messageId).name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        return new Replayed(endpointId, replayed.size(), outcomes);
    }

    @RegisterForReflection
    public record Replayed(String endpointId, int replayed, Map<String, Integer> outcomes) {
    }
}
