package cc.marix.reseller.checkout;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.provider.exchanger.ExchangerGateway;
import cc.marix.reseller.provider.merchant.MerchantGateway;
import cc.marix.reseller.provider.tribute.TributeGateway;

/** Asks the provider a payment is at how it stands, in the terms its callback would have used. */
@ApplicationScoped
public class ProviderPolls {

    private final TributeGateway tribute;
    private final ExchangerGateway exchanger;
    private final MerchantGateway merchant;

    public ProviderPolls(TributeGateway tribute, ExchangerGateway exchanger, MerchantGateway merchant) {
        this.tribute = tribute;
        this.exchanger = exchanger;
        this.merchant = merchant;
    }

    public ProviderUpdate status(Payment payment) {
        return switch (payment.provider()) {
            case TRIBUTE -> tribute.status(payment.providerRef());
            case EXCHANGER -> exchanger.status(payment);
            case MERCHANT -> merchant.status(payment);
        };
    }
}
