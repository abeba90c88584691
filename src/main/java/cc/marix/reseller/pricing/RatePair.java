package cc.marix.reseller.pricing;

import java.math.BigDecimal;
import java.util.Optional;

/** The stored rates between two currencies: {@code direct} converts from -> to, {@code inverse} to -> from. */
public record RatePair(Optional<BigDecimal> direct, Optional<BigDecimal> inverse) {
}
