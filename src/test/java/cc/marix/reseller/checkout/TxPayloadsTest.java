package cc.marix.reseller.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class TxPayloadsTest {

    @Test
    void bitcoinAndTon_shouldGetTheirWalletUris_inTheirUnits() {
        assertEquals("bitcoin:bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh?amount=0.00125",
                TxPayloads.of("bitcoin", null, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", null,
                        new BigDecimal("0.00125"), 8).uri());
        assertEquals("ton://transfer/EQD2NmD_lH5f5u1Kj3KfGyTvhZSX0Eg6qp2a5IQUKXxOG21n?amount=12500000000",
                TxPayloads.of("ton", null, "EQD2NmD_lH5f5u1Kj3KfGyTvhZSX0Eg6qp2a5IQUKXxOG21n", null,
                        new BigDecimal("12.5"), 9).uri());
    }

    @Test
    void theEvmCoin_shouldBeSentAsValue_andTron_shouldGetNothing() {
        TxPayloads.EvmCall call = TxPayloads.of("ethereum", 1L, "0x52908400098527886E0F7030069857D2E4169EE7", null,
                new BigDecimal("0.5"), 18).evmCall();
        assertEquals("500000000000000000", call.value());
        assertEquals("0x", call.data());
        assertNull(TxPayloads.of("tron", null, "TXYZ", "TR7N", BigDecimal.TEN, 6));
    }
}
