package cc.marix.reseller.checkout;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.Payment;

/** The chains and assets of crypto top-ups (configuration), as the chains route shows them and wallets need them. */
@ApplicationScoped
public class CryptoChains {

    private final AppConfig.Payments.Exchanger settings;

    public CryptoChains(AppConfig config) {
        this.settings = config.payments().exchanger();
    }

    TopupViews.Chains view() {
        return new TopupViews.Chains(settings.chains().stream().map(chain -> new TopupViews.Chain(chain.id(),
                chain.enabled(), chain.assets().stream().map(asset -> new TopupViews.Asset(asset.id(),
                        asset.symbol(), asset.decimals(), asset.stablecoin(), asset.tokenAddress().orElse(null)))
                        .toList(), chain.minConfirmations())).toList());
    }

    /** The wallet form of a top-up's payment; null when its chain has none (or is no longer configured). */
    TxPayloads.TxPayload txPayload(Payment payment) {
        Payment.CryptoDeposit deposit = payment.crypto();
        Optional<AppConfig.Payments.Exchanger.Chain> chain = settings.chains().stream()
                .filter(candidate -> candidate.id().equals(deposit.chain())).findFirst();
        Optional<AppConfig.Payments.Exchanger.Asset> asset = chain.flatMap(found -> found.assets().stream()
                .filter(candidate -> candidate.id().equals(deposit.asset())).findFirst());
        if (asset.isEmpty()) {
            return null;
        }
        return TxPayloads.of(deposit.chain(), chain.get().evmChainId().orElse(null), deposit.address(),
                deposit.tokenAddress(), payment.paymentAmount(), asset.get().decimals());
    }
}
