package cc.marix.reseller.provider.tribute;

import java.io.IOException;
import java.math.BigDecimal;
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
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.signing.SignatureVerificationException;
import cc.marix.reseller.signing.TributeSignature;

/**
 * {@code POST /callbacks/tribute} (tribute-webhook, a Function URL): Tribute's webhook. The raw body is verified
 * against {@code trbt-signature} before a byte of it is parsed. Tribute sends no event id and retries for about a
 * day, so an event is known by its content without {@code sent_at} (which changes on every retry). The signature
 * is made with the shop's API key, so it proves little: an event that moves money or ends the payment is applied
 * only as Tribute's own status call confirms it ({@link ConfirmedCallbacks}).
 */
@Path("/callbacks/tribute")
public class TributeWebhookResource {

    private static final Logger LOG = Logger.getLogger(TributeWebhookResource.class);

    private final PaymentStore payments;
    private final ConfirmedCallbacks callbacks;
    private final TributeGateway tribute;
    private final ObjectMapper json;
    private final AppConfig.Payments settings;
    private final ProviderCredentials credentials;

    public TributeWebhookResource(PaymentStore payments, ConfirmedCallbacks callbacks, TributeGateway tribute,
            ObjectMapper json, AppConfig config, ProviderCredentials credentials) {
        this.payments = payments;
        this.callbacks = callbacks;
        this.tribute = tribute;
        this.json = json;
        this.settings = config.payments();
        this.credentials = credentials;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CallbackAnswer receive(@HeaderParam(TributeSignature.HEADER) String signature, byte[] body) {
        if (body.length > settings.maxCallbackBytes()) {
            throw ApiException.tooLarge("a Tribute webhook is at most " + settings.maxCallbackBytes() + " bytes");
        }
        try {
            TributeSignature.verify(body, signature, credentials.tributeApiKey().orElse(null));
        } catch (SignatureVerificationException e) {
            LOG.warnf("tribute webhook rejected: %s", e.code());
            throw ApiException.unverified(e);
        }
        ObjectNode event = envelope(body);
        String name = event.path("name").asText("");
        JsonNode payload = event.path("payload");
        String uuid = payload.path("uuid").asText("");
        Optional<Payment> payment = uuid.isEmpty() ? Optional.empty() : payments.findByRef(Provider.TRIBUTE, uuid);
        ProviderUpdate update = TributeStatuses.fromWebhook(name, payload.path("status").asText(""),
                payment.map(found -> received(payload, found.paymentCurrency())).orElse(null), contentHash(event));
        if (update == null || payment.isEmpty()) {
            // answered 200 all the same: a retry could never be applied either
            LOG.infof("tribute webhook %s ignored: %s", name, update == null ? "not about a shop order's payment"
                    : "order " + uuid + " is none of our payments");
            return new CallbackAnswer("ignored", null);
        }
        PaymentProgress.Applied applied = callbacks.apply(payment.get(), update, () -> tribute.status(uuid));
        LOG.infof("tribute webhook %s for payment %s: %s", name, payment.get().paymentId(), applied);
        return new CallbackAnswer(applied.name().toLowerCase(Locale.ROOT), payment.get().paymentId());
    }

    private ObjectNode envelope(byte[] body) {
        try {
            JsonNode node = JsonBodies.strict(body, json);
            if (node instanceof ObjectNode object && object.path("name").isTextual()) {
                return object;
            }
        } catch (IOException malformed) {
            // answered below
        }
        throw ApiException.badRequest("malformed_event", "a Tribute event is a JSON object with a name");
    }

    /**
     * The amount in the payload (minor units) as a decimal amount; null when absent (Tribute took what it was asked
     * for); zero when unreadable or in another currency than asked, which no rate here can value: flagged, never the
     * full quote.
     */
    static BigDecimal received(JsonNode payload, String expectedCurrency) {
        JsonNode amount = payload.path("amount");
        if (amount.isMissingNode() || amount.isNull()) {
            return null;
        }
        if (!amount.isNumber() || !amount.canConvertToExactIntegral()) {
            // unreadable: an operator looks at it, the full quote is never credited on a guess
            return BigDecimal.ZERO;
        }
        String currency = payload.path("currency").asText(expectedCurrency);
        return currency.equalsIgnoreCase(expectedCurrency) ? amount.decimalValue().movePointLeft(2) : BigDecimal.ZERO;
    }

    /** sha256 of the event without {@code sent_at}, keys sorted: the same event on every retry. */
    private String contentHash(ObjectNode event) {
        ObjectNode content = event.deepCopy();
        content.remove("sent_at");
        try {
            Object tree = json.treeToValue(content, Object.class);
            return "tribute:" + Sha256.hex(json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new IllegalStateException("a parsed event always serializes", e);
        }
    }
}
