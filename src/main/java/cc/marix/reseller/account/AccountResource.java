package cc.marix.reseller.account;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.ClientPreferences;

/** {@code GET /api/access/me} and {@code GET /api/access/me/balances/}: the caller's profile and balances. */
@Path("/api/access/me")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final Authenticator authenticator;
    private final UserStore users;
    private final BalanceStore balances;

    public AccountResource(Authenticator authenticator, UserStore users, BalanceStore balances) {
        this.authenticator = authenticator;
        this.users = users;
        this.balances = balances;
    }

    @GET
    public MeResponse me(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return users.find(userId).map(MeResponse::of)
                .orElseThrow(() -> ApiException.unauthorized("invalid_api_key", "unknown API key"));
    }

    @GET
    @Path("/balances")
    public List<Balance> balances(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return balances.balances(userId);
    }
}
