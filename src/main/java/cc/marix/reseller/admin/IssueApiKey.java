package cc.marix.reseller.admin;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.account.ApiKeys;
import cc.marix.reseller.account.UserStore;
import cc.marix.reseller.api.ApiException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code issueApiKey {userId}} -> a new key for the user, shown this once. */
@ApplicationScoped
public class IssueApiKey implements AdminAction {

    @RegisterForReflection
    public record Issued(String userId, String apiKey, String keyId) {
    }

    private final UserStore users;
    private final Clock clock;

    public IssueApiKey(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "issueApiKey";
    }

    @Override
    public Object run(JsonNode event) {
        return UserInput.withRetries(event, users, stored -> {
            if (stored.keys().size() >= UserStore.MAX_KEYS) {
                throw new ApiException(409, "too_many_keys", "a user holds at most " + UserStore.MAX_KEYS
                        + " keys; revoke one first");
            }
            String key = ApiKeys.newKey();
            boolean added = users.addKey(stored.user(), ApiKeys.hash(key), ApiKeys.keyId(key),
                    clock.instant().toString());
            return added ? Optional.of(new Issued(stored.user().id(), key, ApiKeys.keyId(key))) : Optional.empty();
        });
    }
}
