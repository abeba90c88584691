package cc.marix.reseller.webhook;

import java.util.Optional;
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
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.delivery.CallbackUrlPolicy;
import cc.marix.reseller.delivery.CallbackUrlRefused;
import cc.marix.reseller.order.FulfilmentOutcome;
import cc.marix.reseller.order.PartnerFulfilment;
import cc.marix.reseller.order.PartnerOrderRequest;
import cc.marix.reseller.partner.Partner;
import cc.marix.reseller.partner.PartnerDirectory;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.signing.SignatureVerificationException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /api/orders/webhooks/{partner}/notification}: a partner was paid, we deliver. The raw body is verified
 * before a byte of it is parsed; nothing of the body is ever logged.
 */
@Path("/api/orders/webhooks/{partner}/notification")
public class PartnerWebhookResource {

    private static final Logger LOG = Logger.getLogger(PartnerWebhookResource.class);
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    static final int MAX_SLUG = 100;

    private final PartnerDirectory partners;
    private final PartnerFulfilment fulfilment;
    private final ObjectMapper json;
    private final CallbackUrlPolicy callbacks;
    private final AppConfig.Partner settings;

    public PartnerWebhookResource(PartnerDirectory partners, PartnerFulfilment fulfilment, ObjectMapper json,
            CallbackUrlPolicy callbacks, AppConfig config) {
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
            @HeaderParam(EventIdHeader.NAME) String eventIdHeader, byte[] body) {
        if (body.length > settings.maxBodyBytes()) {
            throw ApiException.tooLarge("a notification is at most " + settings.maxBodyBytes() + " bytes");
        }
        Partner partner = knownPartner(slug);
        partner = verified(partner, body, signature);
        String eventId = EventIdHeader.require(eventIdHeader);
        PartnerNotification notification = NotificationParser.parse(body, json, settings.maxQty());
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

    private Partner knownPartner(String slug) {
        boolean wellFormed = slug.length() <= MAX_SLUG && SLUG.matcher(slug).matches();
        Optional<Partner> partner = wellFormed ? partners.find(slug) : Optional.empty();
        return partner.orElseThrow(() -> ApiException.notFound("unknown_partner", "no partner " + slug));
    }

    /** Verifies against the cached secrets, then once more against fresh ones in case a rotation just happened. */
    private Partner verified(Partner cached, byte[] body, String signature) {
        try {
            PartnerSignature.verify(body, signature, cached.secrets());
            return cached;
        } catch (SignatureVerificationException first) {
            if (first.reason() != SignatureVerificationException.Reason.MISMATCH) {
                throw rejected(cached, first);
            }
        }
        Partner fresh = partners.refresh(cached.slug())
                .orElseThrow(() -> ApiException.notFound("unknown_partner", "no partner " + cached.slug()));
        try {
            PartnerSignature.verify(body, signature, fresh.secrets());
            return fresh;
        } catch (SignatureVerificationException again) {
            throw rejected(fresh, again);
        }
    }

    private static ApiException rejected(Partner partner, SignatureVerificationException e) {
        LOG.warnf("partner %s: notification rejected, %s", partner.slug(), e.code());
        return ApiException.unverified(e);
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
