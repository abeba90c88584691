package cc.marix.reseller.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class StockLevelTest {

    @Test
    void aQueryThatFoundFewerThanItAskedFor_shouldProveTheLevelAfterTheClaim() {
        assertEquals(OptionalLong.of(2), StockLevel.afterClaim(3, 17, 1));
        assertEquals(OptionalLong.of(0), StockLevel.afterClaim(1, 17, 1));
        assertEquals(OptionalLong.of(4), StockLevel.afterClaim(4, 21, 0), "a refusal claims nothing");
    }

    @Test
    void aQueryThatFoundAllItAskedFor_shouldProveNothing_forThereMayBeMore() {
        assertEquals(OptionalLong.empty(), StockLevel.afterClaim(17, 17, 1));
    }
}
