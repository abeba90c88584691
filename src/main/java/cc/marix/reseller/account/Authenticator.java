package cc.marix.reseller.account;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.support.LogContext;

/**
 * {@code Authorization: Bearer <key>}: a missing, malformed or unknown key is 401, a deactivated user 403, with the
 * same error shape on every route. A malformed key costs no read; a known key's owner is cached in the warm
 * function for up to a minute ({@link KeyOwners}).
 */
@ApplicationScoped
public class Authenticator {

    static final String BEARER = "Bearer ";

    private final KeyOwners owners;

    public Authenticator(KeyOwners owners) {
        this.owners = owners;
    }

    /** The id of the user the request's key belongs to. */
    public String userId(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("send Authorization: Bearer <API key>");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("the Authorization header must be Bearer <API key>");
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (!ApiKeys.wellFormed(key)) {
            throw unauthorized("unknown API key");
        }
        UserStore.KeyOwner owner = owners.ownerOf(ApiKeys.hash(key))
                .orElseThrow(() -> unauthorized("unknown API key"));
        LogContext.userId(owner.userId());
        if (!owner.active()) {
            throw ApiException.forbidden("user_inactive", "this API user is deactivated");
        }
        return owner.userId();
    }

    private static ApiException unauthorized(String message) {
        return ApiException.unauthorized("invalid_api_key", message);
    }
}
