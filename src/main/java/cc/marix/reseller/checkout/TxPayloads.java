package cc.marix.reseller.checkout;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a wallet needs to pay a crypto top-up in one tap ({@code txPayload}): on an EVM chain the call itself
 * ({@code evm_call}: an ERC-20 {@code transfer(address,uint256)} to the token contract, or the coin sent to the
 * address); on Bitcoin and TON the payment URI their wallets open (BIP 21, {@code ton://transfer}). Tron has no
 * payment URI its wallets agree on: none is offered.
 */
public final class TxPayloads {

    /** ERC-20 {@code transfer(address,uint256)}. */
    static final String TRANSFER_SELECTOR = "a9059cbb";

    /** The seed's shape: {@code uri} and {@code evmCall} are both always there, the one that does not apply null. */
    @RegisterForReflection
    public record TxPayload(String kind, String uri, EvmCall evmCall) {
    }

    @RegisterForReflection
    public record EvmCall(long chainId, String to, String value, String data) {
    }

    private TxPayloads() {
    }

    /** Null when the chain offers no such form. {@code amount} is in whole units of the asset. */
    static TxPayload of(String chain, Long evmChainId, String address, String tokenAddress, BigDecimal amount,
            int decimals) {
        BigInteger baseUnits = amount.movePointRight(decimals).toBigIntegerExact();
        if (evmChainId != null) {
            if (tokenAddress == null) {
                return new TxPayload("evm_call", null, new EvmCall(evmChainId, address, baseUnits.toString(), "0x"));
            }
            String data = "0x" + TRANSFER_SELECTOR + word(new BigInteger(strip0x(address), 16)) + word(baseUnits);
            return new TxPayload("evm_call", null, new EvmCall(evmChainId, tokenAddress, "0", data));
        }
        return switch (chain) {
            case "bitcoin" -> new TxPayload("uri", "bitcoin:" + address + "?amount=" + amount.toPlainString(), null);
            case "ton" -> tokenAddress == null
                    ? new TxPayload("uri", "ton://transfer/" + address + "?amount=" + baseUnits, null)
                    : null;
            default -> null;
        };
    }

    /** A 32-byte ABI word, hex. */
    private static String word(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static String strip0x(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        return lower.startsWith("0x") ? lower.substring(2) : lower;
    }
}
