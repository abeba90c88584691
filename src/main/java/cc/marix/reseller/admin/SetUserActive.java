package cc.marix.reseller.admin;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.account.UserStore;
import cc.marix.reseller.api.ApiException;
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
        for (int attempt = 0; attempt < 3; attempt++) {
            UserStore.Stored stored = UserInput.existing(event, users);
            if (users.setActive(stored, active)) {
                return Map.of("userId", stored.user().id(), "isActive", active);
            }
        }
        throw new ApiException(409, "changed_concurrently", "the user changed meanwhile; try again");
    }
}
