package cc.marix.reseller.provider.exchanger;

import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.MediaTypes;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.ConfirmedCallbacks;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentProgress;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.provider.CallbackAnswer;
import cc.marix.reseller.signing.ExchangerIpnSignature;
import cc.marix.reseller.signing.SignatureVerificationException;
import cc.marix.reseller.support.Ids;

/**
 * {@code POST /callbacks/exchanger/{payment_id}} (exchanger-ipn, a Function URL): the exchanger's IPN about one crypto
 * top-up, whose id is in the URL we gave it. The checksum is verified with that top-up's own secret before any field
 * is used. The exchanger sends an IPN once and never again, so the reconcile function polls for what is missed. A
 * {@code done} (or closing) IPN is applied only as the exchanger's order info confirms it, with the amount it pays
 * out ({@link ConfirmedCallbacks}).
 */
@Path("/callbacks/exchanger/{payment_id}")
public class ExchangerIpnResource {

    private static final Logger LOG = Logger.getLogger(ExchangerIpnResource.class);

    private final PaymentStore payments;
    private final ConfirmedCallbacks callbacks;
    private final ExchangerGateway exchanger;
    private final AppConfig.Payments settings;

    public ExchangerIpnResource(PaymentStore payments, ConfirmedCallbacks callbacks, ExchangerGateway exchanger,
            AppConfig config) {
        this.payments = payments;
        this.callbacks = callbacks;
        this.exchanger = exchanger;
        this.settings = config.payments();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CallbackAnswer receive(@PathParam("payment_id") String paymentId,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        if (body.length > settings.maxCallbackBytes()) {
            throw ApiException.tooLarge("an IPN is at most " + settings.maxCallbackBytes() + " bytes");
        }
        Optional<Payment> found = Ids.isUuid(paymentId)
                ? payments.find(paymentId.toLowerCase(Locale.ROOT)).filter(p -> p.provider() == Provider.EXCHANGER)
                : Optional.empty();
        // no such top-up, no secret to verify with: answered as any unverified IPN, so ids cannot be probed
        Payment payment = found.orElseThrow(() -> ApiException.unauthorized("signature_mismatch",
                "the IPN checksum does not match"));
        MediaTypes.requireForm(contentType, body);
        IpnForm form = IpnForm.parse(body);
        try {
            ExchangerIpnSignature.verify(form.signed(), form.get(IpnForm.HASH), payment.crypto().ipnSecret());
        } catch (SignatureVerificationException e) {
            LOG.warnf("exchanger IPN for %s rejected: %s", payment.paymentId(), e.code());
            throw ApiException.unverified(e);
        }
        if (!payment.providerRef().equals(form.get("orderId"))) {
            LOG.warnf("exchanger IPN for %s names order %s, not %s", payment.paymentId(), form.get("orderId"),
                    payment.providerRef());
            throw new ApiException(409, "order_mismatch", "this IPN is about another exchanger order");
        }
        ProviderUpdate update = ExchangerStatuses.of(form.get("newStatus"),
                ExchangerStatuses.received(payment, form.get("outAmount")), form.hash(), ProviderUpdate.CALLBACK);
        PaymentProgress.Applied applied = callbacks.apply(payment, update, () -> exchanger.status(payment));
        LOG.infof("exchanger IPN %s for %s: %s", form.get("newStatus"), payment.paymentId(), applied);
        return new CallbackAnswer(applied.name().toLowerCase(Locale.ROOT), payment.paymentId());
    }
}
