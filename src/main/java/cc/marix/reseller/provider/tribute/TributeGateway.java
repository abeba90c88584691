package cc.marix.reseller.provider.tribute;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.payment.ProviderUpdate;
import cc.marix.reseller.provider.Answers;
import cc.marix.reseller.provider.ProviderCalls;
import cc.marix.reseller.secrets.ProviderCredentials;

/** Our calls to Tribute, with its failures turned into our errors. */
@ApplicationScoped
public class TributeGateway {

    /** Tribute's limits, in UTF-16 units (Java's String length). */
    static final int MAX_TITLE = 100;
    static final int MAX_DESCRIPTION = 300;

    private final TributeApi api;
    private final ProviderCredentials credentials;

    public TributeGateway(@RestClient TributeApi api, ProviderCredentials credentials) {
        this.api = api;
        this.credentials = credentials;
    }

    /** A payment page for {@code amount} (2 decimal places) in {@code currency}: Tribute's order uuid and its URL. */
    public TributeApi.CreatedOrder createOrder(BigDecimal amount, String currency, String title, String description,
            String successUrl, String failUrl) {
        String key = apiKey();
        TributeApi.NewOrder order = new TributeApi.NewOrder(amount.movePointRight(2).longValueExact(), currency,
                clip(title, MAX_TITLE), clip(description, MAX_DESCRIPTION), successUrl, failUrl, null);
        TributeApi.CreatedOrder created = ProviderCalls.call(Provider.TRIBUTE, "create an order",
                () -> api.createOrder(key, order));
        if (created == null || Answers.blank(created.uuid()) || Answers.blank(created.paymentUrl())) {
            throw ProviderCalls.badAnswer(Provider.TRIBUTE, "create an order");
        }
        return created;
    }

    public ProviderUpdate status(String uuid) {
        String key = apiKey();
        TributeApi.OrderStatus status = ProviderCalls.call(Provider.TRIBUTE, "tell an order's status",
                () -> api.status(key, uuid));
        if (status == null || Answers.blank(status.status())) {
            throw ProviderCalls.badAnswer(Provider.TRIBUTE, "tell an order's status");
        }
        return TributeStatuses.fromPoll(status.status());
    }

    /**
     * The shop our key belongs to. No request path needs it; it is the quickest check that a key works when Tribute
     * starts answering 401.
     */
    public TributeApi.Shop shop() {
        String key = apiKey();
        return ProviderCalls.call(Provider.TRIBUTE, "describe the shop", () -> api.shop(key));
    }

    private String apiKey() {
        return credentials.tributeApiKey().orElseThrow(() -> new ApiException(503,
                "provider_unavailable", "tribute is not connected (no API key configured)"));
    }

    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        // never split a surrogate pair: Tribute counts UTF-16 units and rejects broken text
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
