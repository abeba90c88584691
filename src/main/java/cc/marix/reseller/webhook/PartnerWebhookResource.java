package cc.marix.reseller.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.MediaTypes;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.delivery.CallbackUrlPolicy;
import cc.marix.reseller.delivery.CallbackUrlRefused;
import cc.marix.reseller.order.FulfilmentOutcome;
import cc.marix.reseller.order.PartnerFulfilment;
import cc.marix.reseller.order.PartnerOrderRequest;
import cc.marix.reseller.partner.Partner;
import cc.marix.reseller.partner.PartnerDirectory;
import cc.marix.reseller.partner.SignatureScheme;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.signing.SignatureVerificationException;
import cc.marix.reseller.signing.SignatureVerificationException.Reason;
import cc.marix.reseller.support.LogContext;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /api/orders/webhooks/{partner}/notification}: a partner was paid, we deliver. The raw body is verified
 * before a byte of it is parsed; nothing of the body is ever logged. Checks, in order: body size (413), signature
 * against the partner's live secrets in its scheme (401; an unknown slug answers as a wrong signature), active (403
 * {@code partner_inactive}), X-Event-Id, body, whitelist, then fulfilment.
 */
@Path("/api/orders/webhooks/{partner}/notification")
public class PartnerWebhookResource {

    private static final Logger LOG = Logger.getLogger(PartnerWebhookResource.class);
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    static final int MAX_SLUG = 100;
    /** Failures a rotation, a change of scheme or a new partner may explain, so worth one fresh read. */
    private static final Set<Reason> FRESH_READ_MAY_HELP = EnumSet.of(Reason.MISMATCH, Reason.NO_SECRET,
            Reason.TIMESTAMP_MISSING, Reason.TIMESTAMP_MALFORMED);
    private static final int UNKNOWN_PARTNER_KEY_BYTES = 32;

    private final PartnerDirectory partners;
    private final PartnerFulfilment fulfilment;
    private final ObjectMapper json;
    private final CallbackUrlPolicy callbacks;
    private final AppConfig.Partner settings;
    private final Clock clock;
    /** Random per instance and never stored: no request can be signed with it. */
    private final List<String> unknownPartnerKey;

    public PartnerWebhookResource(PartnerDirectory partners, PartnerFulfilment fulfilment, ObjectMapper json,
            CallbackUrlPolicy callbacks, AppConfig config, Clock clock) {
        this.clock = clock;
        byte[] key = new byte[UNKNOWN_PARTNER_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        this.unknownPartnerKey = List.of(HexFormat.of().formatHex(key));
        this.partners = partners;
        this.fulfilment = fulfilment;
        this.json = json;
        this.callbacks = callbacks;
        this.settings = config.partner();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response notify(@PathParam("partner") String slug, @HeaderParam("X-Signature") String signature,
            @HeaderParam("X-Timestamp") String timestamp, @HeaderParam(EventIdHeader.NAME) String eventIdHeader,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        if (body.length > settings.maxBodyBytes()) {
            throw ApiException.tooLarge("a notification is at most " + settings.maxBodyBytes() + " bytes");
        }
        Signed signed = new Signed(body, signature, timestamp);
        Partner partner = verified(knownPartner(slug, signed), signed);
        LogContext.partner(partner.slug());
        if (!partner.active()) {
            throw ApiException.forbidden("partner_inactive", "this partner is not active; nothing was ordered");
        }
        String eventId = EventIdHeader.require(eventIdHeader);
        MediaTypes.requireJson(contentType, body);
        PartnerNotification notification = NotificationParser.parse(body, json, maxQty(partner));
        PartnerOrderRequest request = new PartnerOrderRequest(partner.slug(), partner.userId(), eventId,
                Sha256.hex(body),
                notification.externalOrderId(), notification.productId(), notification.qty(), notification.amount(),
                notification.currency(), notification.deliveryMode(), notification.customerEmail(),
                notification.callbackUrl(), notification.language());
        ApiException refused = refusal(partner, notification);
        if (refused != null) {
            // a repeat of an order delivered before a whitelist or DNS change still gets its first answer
            return answer(fulfilment.earlierOutcome(request).orElseThrow(() -> refused), notification);
        }
        return answer(fulfilment.fulfil(request), notification);
    }

    /**
     * The configured largest qty is for a partner linked to a user, whose order transaction also moves the user's
     * order counts; an unlinked partner's transaction has no counts write, so its codes may take that place.
     */
    private int maxQty(Partner partner) {
        return partner.userId() == null ? settings.maxQty() + 1 : settings.maxQty();
    }

    /** Why this otherwise valid notification cannot be served now: a product off the list, or a callback URL. */
    private ApiException refusal(Partner partner, PartnerNotification notification) {
        if (!partner.mayOrder(notification.productId())) {
            return ApiException.forbidden("product_not_allowed",
                    "product " + notification.productId() + " is not on this partner's list");
        }
        if (notification.callbackUrl() != null) {
            try {
                callbacks.check(notification.callbackUrl());
            } catch (CallbackUrlRefused e) {
                return ApiException.invalid("validation_error",
                        Violation.of(e.getMessage(), "url_forbidden", "body", "callbackUrl"));
            }
        }
        return null;
    }

    private Partner knownPartner(String slug, Signed signed) {
        boolean wellFormed = slug.length() <= MAX_SLUG && SLUG.matcher(slug).matches();
        Optional<Partner> partner = wellFormed ? partners.find(slug) : Optional.empty();
        return partner.orElseThrow(() -> unknownPartner(signed));
    }

    /**
     * Verifies against the cached partner, then once more against a fresh read in case a rotation or a change of
     * scheme just happened. A wrong signature header or a stale timestamp cannot be cured by a fresh read.
     */
    private Partner verified(Partner cached, Signed signed) {
        try {
            signed.verify(cached, clock);
            return cached;
        } catch (SignatureVerificationException first) {
            if (!FRESH_READ_MAY_HELP.contains(first.reason())) {
                throw rejected(cached, first);
            }
        }
        Partner fresh = partners.refresh(cached.slug()).orElseThrow(() -> unknownPartner(signed));
        try {
            signed.verify(fresh, clock);
            return fresh;
        } catch (SignatureVerificationException again) {
            throw rejected(fresh, again);
        }
    }

    /**
     * An unknown slug answers what a wrong signature answers, after the same MAC over the body (with a key nobody
     * holds), so probing cannot tell a slug that exists from one that does not.
     */
    private ApiException unknownPartner(Signed signed) {
        try {
            PartnerSignature.verify(signed.body(), signed.signature(), unknownPartnerKey);
            return ApiException.unverified(new SignatureVerificationException(Reason.MISMATCH,
                    "signature does not match the body"));
        } catch (SignatureVerificationException refused) {
            LOG.warnf("notification for an unknown partner rejected, %s", refused.code());
            return ApiException.unverified(refused);
        }
    }

    private static ApiException rejected(Partner partner, SignatureVerificationException e) {
        LOG.warnf("partner %s: notification rejected, %s", partner.slug(), e.code());
        return ApiException.unverified(e);
    }

    /** What a notification says about its signing: the raw body and the two headers. */
    private record Signed(byte[] body, String signature, String timestamp) {

        void verify(Partner partner, Clock clock) throws SignatureVerificationException {
            List<String> live = partner.liveSecrets(clock.instant());
            if (partner.signatureScheme() == SignatureScheme.TIMESTAMPED) {
                PartnerSignature.verifyTimestamped(body, timestamp, signature, live, clock);
            } else {
                PartnerSignature.verify(body, signature, live);
            }
        }
    }

    private static Response answer(FulfilmentOutcome outcome, PartnerNotification notification) {
        if (outcome instanceof FulfilmentOutcome.Delivered delivered) {
            Response.ResponseBuilder response = Response.status(delivered.response().httpStatus())
                    .type(MediaType.APPLICATION_JSON)
                    .entity(delivered.response().json());
            if (delivered.replayed()) {
                response.header(REPLAYED_HEADER, "true");
            }
            return response.build();
        }
        if (outcome instanceof FulfilmentOutcome.OutOfStock) {
            return Response.status(409)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new OutOfStockAnswer("failed", "out_of_stock", "out_of_stock",
                            "not enough codes in stock for qty " + notification.qty() + "; nothing was delivered",
                            notification.externalOrderId()))
                    .build();
        }
        throw ApiException.invalid("idempotency_key_reused",
                Violation.of("This X-Event-Id was already used for a different body", "idempotency_key_reused",
                        "header", EventIdHeader.NAME));
    }

    /** The seed's failure shape ({@code status}, {@code reason}) plus our usual {@code error} and {@code message}. */
    @RegisterForReflection
    public record OutOfStockAnswer(String status, String reason, String error, String message,
            String externalOrderId) {
    }
}
