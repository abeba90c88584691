package cc.marix.reseller.checkout;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.provider.exchanger.ExchangerGateway;
import cc.marix.reseller.provider.tribute.TributeGateway;

/** Asks the provider a payment is at how it stands, in the terms its callback would have used. */
@ApplicationScoped
public class ProviderPolls {

    private final TributeGateway tribute;
    private final ExchangerGateway exchanger;

    public ProviderPolls(TributeGateway tribute, ExchangerGateway exchanger) {
        this.tribute = tribute;
        this.exchanger = exchanger;
    }

    public ProviderUpdate status(Payment payment) {
        return switch (payment.provider()) {
            case TRIBUTE -> tribute.status(payment.providerRef());
            case EXCHANGER -> exchanger.status(payment.providerRef());
            case MERCHANT -> throw PaymentPages.notConnected(payment.provider());
        };
    }
}
