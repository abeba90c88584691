package cc.marix.reseller.admin;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.account.UserStore;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.support.Ids;

/** The {@code userId} of an admin event, read and looked up. */
final class UserInput {

    private UserInput() {
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
