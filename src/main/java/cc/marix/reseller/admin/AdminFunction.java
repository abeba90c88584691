package cc.marix.reseller.admin;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.lambda.EventFunction;
import cc.marix.reseller.lambda.Functions;

/**
 * The admin function, run from the AWS console with a JSON event {@code {"action": ..., ...}}. Errors come back as
 * the usual error object ({@code error}, {@code message}, {@code detail}), never as a stack trace.
 */
@ApplicationScoped
public class AdminFunction implements EventFunction {

    private static final Logger LOG = Logger.getLogger(AdminFunction.class);

    private final Map<String, AdminAction> actions = new TreeMap<>();

    public AdminFunction(@Any Instance<AdminAction> registered) {
        registered.forEach(action -> actions.put(action.name(), action));
    }

    @Override
    public String name() {
        return Functions.ADMIN;
    }

    @Override
    public boolean accepts(JsonNode event) {
        return event.isObject() && event.has("action");
    }

    @Override
    public Object handle(JsonNode event) {
        if (!event.isObject()) {
            throw ApiException.badRequest("malformed_event", "the event must be a JSON object with an action");
        }
        JsonNode action = event.get("action");
        if (action == null || !action.isTextual() || !actions.containsKey(action.asText())) {
            throw ApiException.badRequest("unknown_action",
                    "action must be one of " + String.join(", ", actions.keySet()));
        }
        // The action name is safe to log; the event may hold secrets and codes, so it is never logged.
        LOG.infof("admin action %s", action.asText());
        return actions.get(action.asText()).run(event);
    }
}
