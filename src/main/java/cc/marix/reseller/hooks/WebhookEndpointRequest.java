package cc.marix.reseller.hooks;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.api.JsonBodies;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.delivery.CallbackUrlPolicy;
import cc.marix.reseller.delivery.CallbackUrlRefused;

/**
 * {@code POST /api/webhook-endpoints/}'s body: {@code url} (it must pass the callback SSRF policy: https to a public
 * address), {@code events} (one or more of the event types; repeats count once) and an optional
 * {@code description}. Every problem is reported at once, in FastAPI's shape.
 */
public record WebhookEndpointRequest(String url, List<WebhookEventType> events, String description) {

    static final int MAX_DESCRIPTION = 500;
    static final String EXPECTED_EVENTS = "'order.completed', 'order.cancelled', 'topup.completed', 'topup.failed'"
            + " or 'balance.changed'";

    static WebhookEndpointRequest parse(byte[] body, ObjectMapper json, CallbackUrlPolicy policy) {
        JsonNode root = JsonBodies.readObject(body, json);
        JsonFields fields = new JsonFields();
        String url = fields.text(root, "url", true, CallbackUrlPolicy.MAX_LENGTH, "body");
        if (url != null) {
            try {
                policy.check(url);
            } catch (CallbackUrlRefused refused) {
                // the policy words its reasons for partners' callbackUrl; here the field is url
                fields.add(new Violation(List.of("body", "url"), refused.getMessage().replace("callbackUrl", "url"),
                        "url_not_allowed"));
            }
        }
        List<WebhookEventType> events = events(fields, root);
        String description = fields.text(root, "description", false, MAX_DESCRIPTION, "body");
        fields.check();
        return new WebhookEndpointRequest(url, events, description);
    }

    private static List<WebhookEventType> events(JsonFields fields, JsonNode root) {
        if (!root.hasNonNull("events")) {
            fields.missing("events", "body");
            return List.of();
        }
        List<String> names = fields.strings(root, "events", WebhookEventType.values().length * 4, "body");
        if (root.get("events").isArray() && root.get("events").isEmpty()) {
            fields.add(new Violation(List.of("body", "events"), "List should have at least 1 item after validation",
                    "too_short", Map.of("min_length", 1)));
        }
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            WebhookEventType.fromWire(names.get(i)).ifPresentOrElse(events::add,
                    () -> fields.add(new Violation(List.of("body", "events", index), "Input should be "
                            + EXPECTED_EVENTS, "enum", Map.of("expected", EXPECTED_EVENTS))));
        }
        return List.copyOf(events);
    }
}
