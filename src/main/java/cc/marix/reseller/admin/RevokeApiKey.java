package cc.marix.reseller.admin;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.account.UserStore;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;

/** {@code revokeApiKey {userId, keyId}}: the key stops working (within about a second). */
@ApplicationScoped
public class RevokeApiKey implements AdminAction {

    private final UserStore users;

    public RevokeApiKey(UserStore users) {
        this.users = users;
    }

    @Override
    public String name() {
        return "revokeApiKey";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String keyId = fields.text(event, "keyId", true, 20);
        fields.check();
        return UserInput.withRetries(event, users, stored -> {
            if (!stored.keys().containsKey(keyId)) {
                throw ApiException.notFound("unknown_key", "the user has no key " + keyId);
            }
            return users.revoke(stored, keyId)
                    ? Optional.of(Map.of("userId", stored.user().id(), "keyId", keyId, "revoked", true,
                            "liveKeys", stored.keys().size() - 1))
                    : Optional.empty();
        });
    }
}
