package cc.marix.reseller.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.api.ApiException;

class PricesTest {

    private final List<String> lookups = new ArrayList<>();

    private RateSource rates(String usdToRub, String rubToUsd) {
        return (from, to) -> {
            lookups.add(from.wire() + "->" + to.wire());
            Optional<BigDecimal> usdRub = Optional.ofNullable(usdToRub).map(BigDecimal::new);
            Optional<BigDecimal> rubUsd = Optional.ofNullable(rubToUsd).map(BigDecimal::new);
            return from == PriceCurrency.USD ? new RatePair(usdRub, rubUsd) : new RatePair(rubUsd, usdRub);
        };
    }

    @Test
    void convert_shouldUseTheDirectRate_andRoundHalfEven() {
        Prices prices = new Prices(PriceCurrency.RUB, rates("92.5", null));
        assertEquals("0.92", Prices.text(prices.convert(new BigDecimal("0.01"), PriceCurrency.USD)), "0.925 -> 0.92");
        assertEquals("2.78", Prices.text(prices.convert(new BigDecimal("0.03"), PriceCurrency.USD)), "2.775 -> 2.78");
        assertEquals("184.08", Prices.text(prices.convert(new BigDecimal("1.99"), PriceCurrency.USD)));
    }

    @Test
    void convert_shouldPreferTheDirectRate_overTheInverseOfTheOpposite() {
        Prices prices = new Prices(PriceCurrency.USD, rates("92.5", "0.011"));
        assertEquals("54.89", Prices.text(prices.convert(new BigDecimal("4990.00"), PriceCurrency.RUB)));
    }

    @Test
    void convert_shouldDivideByTheOppositeRate_withDecimal64_whenOnlyThatIsStored() {
        Prices prices = new Prices(PriceCurrency.USD, rates("92.5", null));
        // 1 / 92.5 = 0.01081081081081081 (16 digits); 4990 x that = 53.9459... -> 53.95
        assertEquals("53.95", Prices.text(prices.convert(new BigDecimal("4990.00"), PriceCurrency.RUB)));
        assertEquals("0.54", Prices.text(prices.convert(new BigDecimal("50"), PriceCurrency.RUB)));
    }

    @Test
    void convert_shouldReadRatesOncePerAnswer_andNotAtAllForTheSameCurrency() {
        Prices prices = new Prices(PriceCurrency.RUB, rates("92.5", null));
        assertEquals("4990.00", Prices.text(prices.convert(new BigDecimal("4990"), PriceCurrency.RUB)));
        assertEquals(List.of(), lookups);
        prices.convert(BigDecimal.ONE, PriceCurrency.USD);
        prices.convert(BigDecimal.TEN, PriceCurrency.USD);
        assertEquals(List.of("usd->rub"), lookups);
    }

    @Test
    void convert_shouldAnswer503RateUnavailable_whenNeitherDirectionIsStored() {
        Prices prices = new Prices(PriceCurrency.USD, rates(null, null));
        ApiException refused = assertThrows(ApiException.class,
                () -> prices.convert(BigDecimal.ONE, PriceCurrency.RUB));
        assertEquals(503, refused.status());
        assertEquals("rate_unavailable", refused.code());
        assertEquals("60", refused.headers().get("Retry-After"));
    }
}
