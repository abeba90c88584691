package cc.marix.reseller.checkout;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.account.Authenticator;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.ClientPreferences;
import cc.marix.reseller.api.PathIds;
import cc.marix.reseller.api.QueryParams;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentPurpose;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.pricing.PriceCurrency;

/**
 * The top-up routes: {@code GET /api/topups/rates/{to}} (topup-rates), {@code GET|POST /api/topups/fiat/}
 * (fiat-topups-list, fiat-topup-create) and {@code GET /api/topups/fiat/{topup_id}} (fiat-topup-get). A top-up is
 * seen only by its owner: someone else's is 404, as an unknown one.
 */
@Path("/api/topups")
@Produces(MediaType.APPLICATION_JSON)
public class TopupResource {

    static final int MAX_BODY_BYTES = 16_384;
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;

    private final Authenticator authenticator;
    private final TopupRates rates;
    private final FiatTopups fiat;
    private final PaymentStore payments;
    private final ObjectMapper json;
    private final AppConfig.Payments settings;

    public TopupResource(Authenticator authenticator, TopupRates rates, FiatTopups fiat, PaymentStore payments,
            ObjectMapper json, AppConfig config) {
        this.authenticator = authenticator;
        this.rates = rates;
        this.fiat = fiat;
        this.payments = payments;
        this.json = json;
        this.settings = config.payments();
    }

    @GET
    @Path("/rates/{to}")
    public TopupViews.Rates rates(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("to") String to) {
        authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        PriceCurrency target = PriceCurrency.fromWire(to.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                ApiException.invalid(List.of(new Violation(List.of("path", "to"), "Input should be 'rub' or 'usd'",
                        "enum", Map.of("expected", "'rub' or 'usd'")))));
        return rates.to(target);
    }

    @GET
    @Path("/fiat/")
    public List<TopupViews.Fiat> listFiat(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @Context UriInfo uri) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        QueryParams query = QueryParams.of(uri);
        int limit = query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        query.check();
        return payments.topUps(userId, PaymentPurpose.FIAT_TOPUP, limit).stream().map(TopupViews::fiat).toList();
    }

    @POST
    @Path("/fiat/")
    @Consumes(MediaType.WILDCARD)
    public TopupViews.Fiat createFiat(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency, byte[] body) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("a top-up request is at most " + MAX_BODY_BYTES + " bytes");
        }
        return TopupViews.fiat(fiat.create(userId, FiatTopupRequest.parse(body, json, settings)));
    }

    @GET
    @Path("/fiat/{topup_id}")
    public TopupViews.Fiat getFiat(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("topup_id") String topupId) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return TopupViews.fiat(owned(userId, topupId, PaymentPurpose.FIAT_TOPUP));
    }

    private Payment owned(String userId, String topupId, PaymentPurpose purpose) {
        return payments.find(PathIds.uuid(topupId, "topup_id"))
                .filter(payment -> payment.userId().equals(userId) && payment.purpose() == purpose)
                .orElseThrow(() -> ApiException.notFound("topup_not_found", "no top-up " + topupId));
    }
}
