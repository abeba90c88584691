package cc.marix.reseller.checkout;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.api.JsonBodies;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.pricing.PriceCurrency;

/**
 * {@code POST /api/topups/fiat/}'s body: {@code paymentProvider} (tribute or merchant), {@code balanceCurrency} (rub
 * or usd; rub when absent), {@code quoteAmount} (what the balance gets: more than 0, at most 2 decimal places, at
 * most the configured maximum), {@code paymentCurrency} (rub or usd; the balance currency when absent) and an
 * optional http(s) {@code returnUrl}.
 */
public record FiatTopupRequest(Provider provider, PriceCurrency balanceCurrency, BigDecimal quoteAmount,
        PriceCurrency paymentCurrency, String returnUrl) {

    static final int MAX_URL = 2048;

    static FiatTopupRequest parse(byte[] body, ObjectMapper json, AppConfig.Payments limits) {
        JsonNode root = JsonBodies.readObject(body, json);
        JsonFields fields = new JsonFields();
        Provider provider = null;
        String providerText = fields.text(root, "paymentProvider", true, 40, "body");
        if (providerText != null) {
            provider = Provider.fromWire(providerText.toLowerCase(Locale.ROOT))
                    .filter(known -> known != Provider.EXCHANGER).orElse(null);
            if (provider == null) {
                fields.add(new Violation(List.of("body", "paymentProvider"), "Input should be 'tribute' or 'merchant'",
                        "enum", Map.of("expected", "'tribute' or 'merchant'")));
            }
        }
        PriceCurrency balance = currency(fields, root, "balanceCurrency", PriceCurrency.RUB);
        PriceCurrency payment = currency(fields, root, "paymentCurrency", balance);
        BigDecimal quote = quoteAmount(fields, root, balance, limits);
        String returnUrl = fields.text(root, "returnUrl", false, MAX_URL, "body");
        if (returnUrl != null && !httpUrl(returnUrl)) {
            fields.add(Violation.of("Input should be a valid URL (http or https, with a host)", "url_parsing",
                    "body", "returnUrl"));
        }
        fields.check();
        return new FiatTopupRequest(provider, balance, quote, payment, returnUrl);
    }

    /** More than 0 and at most the maximum of its currency (when the currency itself is valid). */
    static BigDecimal quoteAmount(JsonFields fields, JsonNode root, PriceCurrency balance,
            AppConfig.Payments limits) {
        BigDecimal quote = fields.amount(root, "quoteAmount", true, 2, "body");
        if (quote == null) {
            return null;
        }
        if (quote.signum() <= 0) {
            fields.add(new Violation(List.of("body", "quoteAmount"), "Input should be greater than 0", "greater_than",
                    Map.of("gt", 0)));
            return null;
        }
        BigDecimal max = balance == PriceCurrency.USD ? limits.maxTopupUsd() : limits.maxTopupRub();
        if (balance != null && quote.compareTo(max) > 0) {
            fields.add(new Violation(List.of("body", "quoteAmount"), "Input should be less than or equal to "
                    + max.toPlainString(), "less_than_equal", Map.of("le", max.toPlainString())));
            return null;
        }
        return quote;
    }

    static PriceCurrency currency(JsonFields fields, JsonNode root, String field, PriceCurrency absent) {
        String text = fields.text(root, field, false, 10, "body");
        if (text == null) {
            return root.hasNonNull(field) ? null : absent;
        }
        PriceCurrency currency = PriceCurrency.fromWire(text.toLowerCase(Locale.ROOT)).orElse(null);
        if (currency == null) {
            fields.add(new Violation(List.of("body", field), "Input should be 'rub' or 'usd'", "enum",
                    Map.of("expected", "'rub' or 'usd'")));
        }
        return currency;
    }

    static boolean httpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
