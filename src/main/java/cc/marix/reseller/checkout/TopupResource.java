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
import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.ClientPreferences;
import cc.marix.reseller.api.MediaTypes;
import cc.marix.reseller.api.PathIds;
import cc.marix.reseller.api.QueryParams;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentPurpose;
import cc.marix.reseller.payment.PaymentStore;

/**
 * The top-up routes: {@code GET /api/topups/rates/{to}} (topup-rates), {@code GET /api/topups/crypto/chains/}
 * (crypto-chains), {@code GET|POST /api/topups/crypto/} (crypto-topups-list, crypto-topup-create),
 * {@code GET /api/topups/crypto/{topup_id}} (crypto-topup-get), and the same three for {@code fiat}. A top-up is
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
    private final CryptoTopups crypto;
    private final CryptoChains chains;
    private final PaymentStore payments;
    private final TopupDetails details;
    private final ObjectMapper json;
    private final AppConfig.Payments settings;

    public TopupResource(Authenticator authenticator, TopupRates rates, FiatTopups fiat, CryptoTopups crypto,
            CryptoChains chains, PaymentStore payments, TopupDetails details, ObjectMapper json, AppConfig config) {
        this.authenticator = authenticator;
        this.rates = rates;
        this.fiat = fiat;
        this.crypto = crypto;
        this.chains = chains;
        this.payments = payments;
        this.details = details;
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
        BalanceCurrency target = BalanceCurrency.fromWire(to.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                ApiException.invalid(List.of(new Violation(List.of("path", "to"),
                        "Input should be 'rub', 'usd' or 'usdt'", "enum",
                        Map.of("expected", "'rub', 'usd' or 'usdt'")))));
        return rates.to(target);
    }

    @GET
    @Path("/crypto/chains/")
    public TopupViews.Chains chains(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency) {
        authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return chains.view();
    }

    @GET
    @Path("/crypto/")
    public List<TopupViews.Crypto> listCrypto(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @Context UriInfo uri) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        int limit = limit(uri);
        return payments.topUps(userId, PaymentPurpose.CRYPTO_TOPUP, limit).stream()
                .map(payment -> TopupViews.crypto(payment, chains.txPayload(payment))).toList();
    }

    @POST
    @Path("/crypto/")
    @Consumes(MediaType.WILDCARD)
    public TopupViews.Crypto createCrypto(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        MediaTypes.requireJson(contentType, body);
        CryptoTopupRequest request = CryptoTopupRequest.parse(bounded(body), json, settings);
        Payment payment = crypto.create(userId, request);
        return TopupViews.crypto(payment, request.withTxPayload() ? chains.txPayload(payment) : null);
    }

    @GET
    @Path("/crypto/{topup_id}")
    public TopupViews.Crypto getCrypto(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("topup_id") String topupId) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return details.crypto(owned(userId, topupId, PaymentPurpose.CRYPTO_TOPUP));
    }

    @GET
    @Path("/fiat/")
    public List<TopupViews.Fiat> listFiat(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @Context UriInfo uri) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return payments.topUps(userId, PaymentPurpose.FIAT_TOPUP, limit(uri)).stream().map(TopupViews::fiat)
                .toList();
    }

    @POST
    @Path("/fiat/")
    @Consumes(MediaType.WILDCARD)
    public TopupViews.Fiat createFiat(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        MediaTypes.requireJson(contentType, body);
        return TopupViews.fiat(fiat.create(userId, FiatTopupRequest.parse(bounded(body), json, settings)));
    }

    @GET
    @Path("/fiat/{topup_id}")
    public TopupViews.Fiat getFiat(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("topup_id") String topupId) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return details.fiat(owned(userId, topupId, PaymentPurpose.FIAT_TOPUP));
    }

    private static int limit(UriInfo uri) {
        QueryParams query = QueryParams.of(uri);
        int limit = query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        query.check();
        return limit;
    }

    private static byte[] bounded(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("a top-up request is at most " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private Payment owned(String userId, String topupId, PaymentPurpose purpose) {
        return payments.find(PathIds.uuid(topupId, "topup_id"))
                .filter(payment -> payment.userId().equals(userId) && payment.purpose() == purpose)
                .orElseThrow(() -> ApiException.notFound("topup_not_found", "no top-up " + topupId));
    }
}
