package cc.marix.reseller.admin;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.account.UserStore;
import cc.marix.reseller.api.JsonFields;

/** {@code setUserActive {userId, active}}: a deactivated user's keys answer 403 until it is activated again. */
@ApplicationScoped
public class SetUserActive implements AdminAction {

    private final UserStore users;

    public SetUserActive(UserStore users) {
        this.users = users;
    }

    @Override
    public String name() {
        return "setUserActive";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        Boolean active = fields.bool(event, "active");
        if (active == null) {
            fields.missing("active");
        }
        fields.check();
        return UserInput.withRetries(event, users, stored -> users.setActive(stored, active)
                ? Optional.of(Map.of("userId", stored.user().id(), "isActive", active))
                : Optional.empty());
    }
}
