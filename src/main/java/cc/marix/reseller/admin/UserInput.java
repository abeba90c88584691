package cc.marix.reseller.admin;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.account.UserStore;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.support.Ids;

/** The {@code userId} of an admin event, read and looked up. */
final class UserInput {

    static final int ATTEMPTS = 3;

    private UserInput() {
    }

    /** One try of a change conditional on the user's version: the answer, or empty when the user changed. */
    interface VersionedChange {
        Optional<Object> apply(UserStore.Stored user);
    }

    /** Reads the user and applies the change, reading again when a concurrent change won, a few times. */
    static Object withRetries(JsonNode event, UserStore users, VersionedChange change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Object> answer = change.apply(existing(event, users));
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        throw new ApiException(409, "changed_concurrently", "the user changed meanwhile; try again");
    }

    static UserStore.Stored existing(JsonNode event, UserStore users) {
        JsonFields fields = new JsonFields();
        String userId = fields.text(event, "userId", true, 36);
        fields.check();
        if (!Ids.isUuid(userId)) {
            throw ApiException.notFound("unknown_user", "no user " + userId);
        }
        return users.findStored(userId).orElseThrow(() -> ApiException.notFound("unknown_user", "no user " + userId));
    }
}
