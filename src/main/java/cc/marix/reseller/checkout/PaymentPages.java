package cc.marix.reseller.checkout;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.provider.tribute.TributeApi;
import cc.marix.reseller.provider.tribute.TributeGateway;

/** Fiat payment pages at the provider a top-up or order names. */
@ApplicationScoped
public class PaymentPages {

    /** A payment page: the provider's id for it and the URL the buyer pays at. */
    public record Page(String ref, String url) {
    }

    private final TributeGateway tribute;

    public PaymentPages(TributeGateway tribute) {
        this.tribute = tribute;
    }

    public Page open(Provider provider, BigDecimal amount, String currency, String title, String description,
            String returnUrl) {
        if (provider == Provider.TRIBUTE) {
            TributeApi.CreatedOrder created = tribute.createOrder(amount, currency, title, description, returnUrl,
                    returnUrl);
            return new Page(created.uuid(), created.paymentUrl());
        }
        throw notConnected(provider);
    }

    static ApiException notConnected(Provider provider) {
        return new ApiException(503, "provider_unavailable", provider.wire() + " is not connected yet");
    }
}
