package cc.marix.reseller.checkout;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.provider.merchant.MerchantApi;
import cc.marix.reseller.provider.merchant.MerchantGateway;
import cc.marix.reseller.provider.tribute.TributeApi;
import cc.marix.reseller.provider.tribute.TributeGateway;

/** Fiat payment pages at the provider a top-up or order names. */
@ApplicationScoped
public class PaymentPages {

    /** A payment page: the provider's id for it and the URL the buyer pays at. */
    public record Page(String ref, String url) {
    }

    private final TributeGateway tribute;
    private final MerchantGateway merchant;

    public PaymentPages(TributeGateway tribute, MerchantGateway merchant) {
        this.tribute = tribute;
        this.merchant = merchant;
    }

    /** A page for our payment {@code paymentId} (the merchant gateway knows it by that id; Tribute by its own). */
    public Page open(Provider provider, String paymentId, BigDecimal amount, String currency, String title,
            String description, String returnUrl) {
        return switch (provider) {
            case TRIBUTE -> {
                TributeApi.CreatedOrder created = tribute.createOrder(amount, currency, title, description,
                        returnUrl, returnUrl);
                yield new Page(created.uuid(), created.paymentUrl());
            }
            case MERCHANT -> {
                MerchantApi.Order created = merchant.create(paymentId, amount, currency, returnUrl);
                yield new Page(created.uuid(), created.paymentUrl());
            }
            case EXCHANGER -> throw new IllegalArgumentException("the exchanger takes crypto, not fiat pages");
        };
    }
}
