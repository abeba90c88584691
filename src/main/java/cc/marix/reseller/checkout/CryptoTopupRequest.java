package cc.marix.reseller.checkout;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.api.JsonBodies;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.pricing.PriceCurrency;

/**
 * {@code POST /api/topups/crypto/}'s body: {@code chain} and {@code asset} (ids from the chains route; the chain
 * enabled, the asset offered for the balance currency), {@code balanceCurrency} (rub or usd; rub when absent),
 * {@code quoteAmount} (as for fiat top-ups) and {@code withTxPayload} (false when absent).
 */
public record CryptoTopupRequest(AppConfig.Payments.Exchanger.Chain chain, AppConfig.Payments.Exchanger.Asset asset,
        String routeId, PriceCurrency balanceCurrency, BigDecimal quoteAmount, boolean withTxPayload) {

    static CryptoTopupRequest parse(byte[] body, ObjectMapper json, AppConfig.Payments settings) {
        JsonNode root = JsonBodies.readObject(body, json);
        JsonFields fields = new JsonFields();
        PriceCurrency balance = FiatTopupRequest.currency(fields, root, "balanceCurrency", PriceCurrency.RUB);
        BigDecimal quote = FiatTopupRequest.quoteAmount(fields, root, balance, settings);
        Boolean withTxPayload = fields.bool(root, "withTxPayload", "body");
        String chainId = fields.text(root, "chain", true, 40, "body");
        String assetId = fields.text(root, "asset", true, 40, "body");
        AppConfig.Payments.Exchanger.Chain chain = chainId == null ? null : chain(fields, settings, chainId);
        AppConfig.Payments.Exchanger.Asset asset = chain == null || assetId == null ? null
                : asset(fields, chain, assetId);
        String route = asset == null || balance == null ? null : route(fields, asset, balance);
        fields.check();
        return new CryptoTopupRequest(chain, asset, route, balance, quote, Boolean.TRUE.equals(withTxPayload));
    }

    private static AppConfig.Payments.Exchanger.Chain chain(JsonFields fields, AppConfig.Payments settings,
            String id) {
        Optional<AppConfig.Payments.Exchanger.Chain> chain = settings.exchanger().chains().stream()
                .filter(candidate -> candidate.id().equals(id.toLowerCase(Locale.ROOT))).findFirst();
        if (chain.isEmpty()) {
            fields.add(new Violation(List.of("body", "chain"), "Input should be one of the chains listed by "
                    + "/api/topups/crypto/chains/", "enum", Map.of("expected", ids(settings))));
            return null;
        }
        if (!chain.get().enabled()) {
            fields.add(Violation.of("This chain is not enabled for top-ups now", "chain_disabled", "body", "chain"));
            return null;
        }
        return chain.get();
    }

    private static AppConfig.Payments.Exchanger.Asset asset(JsonFields fields, AppConfig.Payments.Exchanger.Chain chain,
            String id) {
        return chain.assets().stream().filter(asset -> asset.id().equals(id.toLowerCase(Locale.ROOT))).findFirst()
                .orElseGet(() -> {
                    fields.add(Violation.of("Input should be an asset of chain " + chain.id(), "enum", "body",
                            "asset"));
                    return null;
                });
    }

    private static String route(JsonFields fields, AppConfig.Payments.Exchanger.Asset asset, PriceCurrency balance) {
        Optional<String> route = balance == PriceCurrency.USD ? asset.routeUsd() : asset.routeRub();
        if (route.isEmpty()) {
            fields.add(Violation.of(asset.symbol() + " cannot top up a " + balance.wire() + " balance",
                    "route_unavailable", "body", "balanceCurrency"));
            return null;
        }
        return route.get();
    }

    private static String ids(AppConfig.Payments settings) {
        return String.join(", ", settings.exchanger().chains().stream()
                .map(AppConfig.Payments.Exchanger.Chain::id).toList());
    }
}
