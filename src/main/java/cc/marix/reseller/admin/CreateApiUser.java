package cc.marix.reseller.admin;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.account.ApiKeys;
import cc.marix.reseller.account.ApiUser;
import cc.marix.reseller.account.UserStore;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.EmailAddress;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.support.Ids;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code createApiUser {email, firstName?, lastName?, isSuper?, wholesaleTier?, id?}} -> the user and a new API key,
 * shown this once: only its SHA-256 is stored. The id is a new UUIDv7 unless given (for scripted setups).
 */
@ApplicationScoped
public class CreateApiUser implements AdminAction {

    static final Pattern TIER = Pattern.compile("tier_[1-9]");

    @RegisterForReflection
    public record Created(String id, String email, String apiKey, String keyId, String wholesaleTier,
            boolean isActive, boolean isSuper) {
    }

    private final UserStore users;
    private final Ids ids;
    private final Clock clock;

    public CreateApiUser(UserStore users, Ids ids, Clock clock) {
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "createApiUser";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String email = fields.matching(event, "email", true, EmailAddress.PATTERN, "a valid e-mail address");
        String firstName = fields.text(event, "firstName", false, 100);
        String lastName = fields.text(event, "lastName", false, 100);
        Boolean isSuper = fields.bool(event, "isSuper");
        String tier = Optional.ofNullable(fields.matching(event, "wholesaleTier", false, TIER, "tier_1 to tier_9"))
                .orElse("tier_1");
        String given = fields.text(event, "id", false, 36);
        if (given != null && !Ids.isUuid(given)) {
            fields.add(Violation.of("Input should be a valid UUID", "uuid_parsing", "id"));
        }
        fields.check();
        String id = given != null ? given.toLowerCase(Locale.ROOT) : ids.nextString();
        if (users.find(id).isPresent()) {
            throw new ApiException(409, "user_exists", "a user with id " + id + " exists");
        }
        String key = ApiKeys.newKey();
        ApiUser user = new ApiUser(id, email, null, null, null, firstName, lastName, true, Boolean.TRUE.equals(isSuper),
                tier, id.substring(id.length() - 8), BigDecimal.ZERO, clock.instant().toString(), 1);
        users.create(user, ApiKeys.hash(key), ApiKeys.keyId(key));
        return new Created(id, email, key, ApiKeys.keyId(key), tier, true, user.isSuper());
    }
}
