package cc.marix.reseller.provider.exchanger;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.provider.Answers;
import cc.marix.reseller.provider.ProviderCalls;
import cc.marix.reseller.secrets.ProviderCredentials;

/** Our calls to the exchanger, with its failures turned into our errors. */
@ApplicationScoped
public class ExchangerGateway {

    private final ExchangerApi api;
    private final AppConfig.Payments.Exchanger settings;
    private final ProviderCredentials credentials;

    public ExchangerGateway(@RestClient ExchangerApi api, AppConfig config, ProviderCredentials credentials) {
        this.api = api;
        this.settings = config.payments().exchanger();
        this.credentials = credentials;
    }

    /**
     * An order on {@code routeId} that pays out {@code amountOut} (in the balance currency) to us, for which the
     * exchanger names the amount to send and the deposit address; its IPNs go to {@code ipnUrl}, signed with
     * {@code ipnSecret}. The payout's requisites are our account's at the exchanger, so none are sent.
     */
    public ExchangerApi.Order create(String routeId, BigDecimal amountOut, String ipnUrl, String ipnSecret,
            String clientCallbackUrl) {
        String key = apiKey();
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("routeId", routeId);
        form.add("partner", settings.partner());
        form.add("amount", amountOut.toPlainString());
        form.add("lang", "en");
        form.add("agreement", "true");
        form.add("hideOutData", "true");
        form.add("clientCallbackUrl", clientCallbackUrl);
        form.add("ipnUrl", ipnUrl);
        form.add("ipnSecret", ipnSecret);
        ExchangerApi.Order order = ProviderCalls.call(Provider.EXCHANGER, "create an order",
                () -> api.create(key, form));
        BigDecimal toSend = order == null ? null : Answers.decimal(order.inAmount());
        if (toSend == null || toSend.signum() <= 0 || Answers.blank(order.orderId()) || Answers.blank(order.address())) {
            throw ProviderCalls.badAnswer(Provider.EXCHANGER, "create an order");
        }
        return order;
    }

    /** The payment's order status now, as the IPN would have said it. */
    public ProviderUpdate status(Payment payment) {
        String key = apiKey();
        ExchangerApi.Order order = ProviderCalls.call(Provider.EXCHANGER, "tell an order's status",
                () -> api.info(key, payment.providerRef()));
        if (order == null || Answers.blank(order.status())) {
            throw ProviderCalls.badAnswer(Provider.EXCHANGER, "tell an order's status");
        }
        return ExchangerStatuses.of(order.status(), ExchangerStatuses.received(payment, order.outAmount()),
                ProviderUpdate.POLL + ":" + order.status(), ProviderUpdate.POLL);
    }

    private String apiKey() {
        return credentials.exchangerApiKey().orElseThrow(() -> new ApiException(503,
                "provider_unavailable", "the exchanger is not connected (no API key configured)"));
    }

}
