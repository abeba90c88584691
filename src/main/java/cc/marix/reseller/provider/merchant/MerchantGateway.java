package cc.marix.reseller.provider.merchant;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.provider.Answers;
import cc.marix.reseller.provider.ProviderCalls;
import cc.marix.reseller.secrets.ProviderCredentials;
import cc.marix.reseller.signing.MerchantGatewaySignature;

/** Our signed calls to the merchant gateway, with its failures turned into our errors. */
@ApplicationScoped
public class MerchantGateway {

    private final MerchantApi api;
    private final ObjectMapper json;
    private final Clock clock;
    private final ProviderCredentials providerCredentials;

    public MerchantGateway(@RestClient MerchantApi api, ObjectMapper json, Clock clock,
            ProviderCredentials providerCredentials) {
        this.api = api;
        this.json = json;
        this.clock = clock;
        this.providerCredentials = providerCredentials;
    }

    /** A payment page for {@code amount} in {@code currency}, known to the gateway by our payment id. */
    public MerchantApi.Order create(String paymentId, BigDecimal amount, String currency, String returnUrl) {
        ProviderCredentials.Merchant credentials = credentials();
        String body = write(new MerchantApi.NewOrder(paymentId, amount.toPlainString(),
                currency.toUpperCase(Locale.ROOT), returnUrl));
        String timestamp = timestamp();
        String signature = MerchantGatewaySignature.sign(credentials.secret(), timestamp,
                body.getBytes(StandardCharsets.UTF_8));
        MerchantApi.Order order = ProviderCalls.call(Provider.MERCHANT, "create an order",
                () -> api.create(credentials.apiKey(), timestamp, signature, body));
        if (order == null || Answers.blank(order.uuid()) || Answers.blank(order.paymentUrl())) {
            throw ProviderCalls.badAnswer(Provider.MERCHANT, "create an order");
        }
        return order;
    }

    public ProviderUpdate status(Payment payment) {
        String uuid = payment.providerRef();
        ProviderCredentials.Merchant credentials = credentials();
        String timestamp = timestamp();
        // no body: the timestamp alone is signed
        String signature = MerchantGatewaySignature.sign(credentials.secret(), timestamp, null);
        MerchantApi.Order order = ProviderCalls.call(Provider.MERCHANT, "tell an order's status",
                () -> api.get(credentials.apiKey(), timestamp, signature, uuid));
        if (order == null || Answers.blank(order.status())) {
            throw ProviderCalls.badAnswer(Provider.MERCHANT, "tell an order's status");
        }
        return MerchantStatuses.of(order.status(), MerchantStatuses.received(order.amountLocal(), order.currency(),
                payment.paymentCurrency()), ProviderUpdate.POLL + ":" + order.status(), ProviderUpdate.POLL);
    }

    private ProviderCredentials.Merchant credentials() {
        return providerCredentials.merchant().orElseThrow(() -> new ApiException(503, "provider_unavailable",
                "the merchant gateway is not connected (no API key and secret configured)"));
    }

    private String timestamp() {
        return Long.toString(clock.instant().getEpochSecond());
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

}
