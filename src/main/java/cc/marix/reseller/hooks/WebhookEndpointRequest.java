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
    /** Every type, with room for repeats; a longer list is no honest request. */
    static final int MAX_EVENTS = 20;
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
        JsonNode names = fields.array(root, "events", "body");
        if (names == null) {
            if (!root.hasNonNull("events")) {
                fields.missing("events", "body");
            }
            return List.of();
        }
        if (names.isEmpty() || names.size() > MAX_EVENTS) {
            fields.add(new Violation(List.of("body", "events"), "List should have 1 to " + MAX_EVENTS + " items",
                    names.isEmpty() ? "too_short" : "too_long", Map.of("min_length", 1, "max_length", MAX_EVENTS)));
            return List.of();
        }
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (int i = 0; i < names.size(); i++) {
            JsonNode name = names.get(i);
            if (!name.isTextual()) {
                fields.add(new Violation(List.of("body", "events", i), "Input should be a valid string",
                        "string_type"));
                continue;
            }
            int index = i;
            WebhookEventType.fromWire(name.asText()).ifPresentOrElse(events::add,
                    () -> fields.add(new Violation(List.of("body", "events", index), "Input should be "
                            + EXPECTED_EVENTS, "enum", Map.of("expected", EXPECTED_EVENTS))));
        }
        return List.copyOf(events);
    }
}
