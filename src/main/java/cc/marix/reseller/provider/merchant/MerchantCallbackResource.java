package cc.marix.reseller.provider.merchant;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonBodies;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.ConfirmedCallbacks;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentProgress;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.provider.CallbackAnswer;
import cc.marix.reseller.secrets.ProviderCredentials;
import cc.marix.reseller.signing.MerchantGatewaySignature;
import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.signing.SignatureVerificationException;
import cc.marix.reseller.support.Ids;

/**
 * {@code POST /callbacks/merchant} (merchant-callback, a Function URL): the merchant gateway's callback V3. It is
 * verified ({@code X-Signature} over {@code X-Timestamp} + the raw body with our merchant secret; the timestamp
 * within 300 s of our clock, so a captured callback cannot be replayed later) before a byte of it is parsed, then
 * matched by {@code merchant_order_id}, which is our payment id. Its secret sits where more people can read it than
 * should move money, so a final status is applied only as the gateway's own order (a signed GET) confirms it, with
 * the gateway's amount ({@link ConfirmedCallbacks}).
 */
@Path("/callbacks/merchant")
public class MerchantCallbackResource {

    private static final Logger LOG = Logger.getLogger(MerchantCallbackResource.class);

    private final PaymentStore payments;
    private final ConfirmedCallbacks callbacks;
    private final MerchantGateway merchant;
    private final ObjectMapper json;
    private final Clock clock;
    private final AppConfig.Payments settings;
    private final ProviderCredentials credentials;

    public MerchantCallbackResource(PaymentStore payments, ConfirmedCallbacks callbacks, MerchantGateway merchant,
            ObjectMapper json, Clock clock, AppConfig config, ProviderCredentials credentials) {
        this.payments = payments;
        this.callbacks = callbacks;
        this.merchant = merchant;
        this.json = json;
        this.clock = clock;
        this.settings = config.payments();
        this.credentials = credentials;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CallbackAnswer receive(@HeaderParam(MerchantApi.TIMESTAMP) String timestamp,
            @HeaderParam(MerchantApi.SIGNATURE) String signature, byte[] body) {
        if (body.length > settings.maxCallbackBytes()) {
            throw ApiException.tooLarge("a callback is at most " + settings.maxCallbackBytes() + " bytes");
        }
        String secret = credentials.merchant().map(ProviderCredentials.Merchant::secret).orElse(null);
        try {
            MerchantGatewaySignature.verify(secret, timestamp, body, signature, clock.instant());
        } catch (SignatureVerificationException e) {
            LOG.warnf("merchant callback rejected: %s", e.code());
            throw ApiException.unverified(e);
        }
        JsonNode callback = parse(body);
        String orderId = callback.path("merchant_order_id").asText("");
        Optional<Payment> found = Ids.isUuid(orderId)
                ? payments.find(orderId.toLowerCase(Locale.ROOT)).filter(p -> p.provider() == Provider.MERCHANT)
                : Optional.empty();
        if (found.isEmpty()) {
            // answered 200 all the same: a retry could never be applied either
            LOG.warnf("merchant callback for order %s, which is none of our payments", orderId);
            return new CallbackAnswer("ignored", null);
        }
        Payment payment = found.get();
        String gatewayOrder = callback.path("uuid").asText(null);
        if (gatewayOrder != null && !gatewayOrder.equals(payment.providerRef())) {
            LOG.warnf("merchant callback for %s names gateway order %s, not %s", payment.paymentId(), gatewayOrder,
                    payment.providerRef());
            throw new ApiException(409, "order_mismatch", "this callback is about another gateway order");
        }
        ProviderUpdate update = MerchantStatuses.of(callback.path("status").asText(""),
                MerchantStatuses.received(amountText(callback), callback.path("currency").asText(null),
                        payment.paymentCurrency()), "callback:" + Sha256.hex(body), ProviderUpdate.CALLBACK);
        PaymentProgress.Applied applied = callbacks.apply(payment, update, () -> merchant.status(payment));
        LOG.infof("merchant callback %s for %s: %s", update.status(), payment.paymentId(), applied);
        return new CallbackAnswer(applied.name().toLowerCase(Locale.ROOT), payment.paymentId());
    }

    private JsonNode parse(byte[] body) {
        try {
            // amounts exact: the application's mapper reads a float as the decimal it spells
            JsonNode node = JsonBodies.strict(body, json);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException malformed) {
            // answered below
        }
        throw ApiException.badRequest("malformed_callback", "a callback is a JSON object");
    }

    /** {@code amount_local} as a decimal text ({@code null} when absent), for {@link MerchantStatuses#received}. */
    static String amountText(JsonNode callback) {
        JsonNode amount = callback.path("amount_local");
        if (amount.isMissingNode() || amount.isNull()) {
            return null;
        }
        return amount.isNumber() ? amount.decimalValue().toPlainString() : amount.asText();
    }
}
