package cc.marix.reseller.admin;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.RateStore;
import cc.marix.reseller.pricing.RoundTrip;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code setRate {from, to, rate, inverseRate?, source}}: 1 {@code from} is worth {@code rate} {@code to} (e.g. usd
 * -> rub 92.5). Both directions are written in one transaction: {@code inverseRate} (1 {@code to} in {@code from})
 * when the admin gives it, else {@code 1 / rate} rounded down (see {@link RoundTrip}). A pair whose product is above
 * 1 is refused (422 {@code rate_round_trip}): converting back and forth would make money. Prices are converted with
 * the new rates at once. Besides {@code rub} and {@code usd} (prices, fiat top-ups), a rate may name {@code usdt} (a
 * balance currency) or a crypto asset of the configured chains: the rates route shows it instead of the exchanger's
 * last quote.
 */
@ApplicationScoped
public class SetRate implements AdminAction {

    /** Fraction digits a rate may have: enough for 1 rub in usd with room to spare. */
    static final int RATE_SCALE = 10;
    static final int MAX_SOURCE = 200;

    @RegisterForReflection
    public record Answer(String from, String to, String rate, String inverseRate, String source, String updatedAt) {
    }

    private final RateStore rates;
    private final Clock clock;
    private final List<String> currencies;

    public SetRate(RateStore rates, Clock clock, AppConfig config) {
        this.rates = rates;
        this.clock = clock;
        Set<String> known = new LinkedHashSet<>();
        Arrays.stream(PriceCurrency.values()).map(PriceCurrency::wire).forEach(known::add);
        Arrays.stream(BalanceCurrency.values()).map(BalanceCurrency::wire).forEach(known::add);
        config.payments().exchanger().chains().forEach(chain -> chain.assets().forEach(asset -> known.add(asset.id())));
        this.currencies = List.copyOf(known);
    }

    @Override
    public String name() {
        return "setRate";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        Optional<String> from = currency(event, "from", fields);
        Optional<String> to = currency(event, "to", fields);
        if (from.isPresent() && from.equals(to)) {
            fields.add(Violation.of("from and to must differ", "value_error", "to"));
        }
        BigDecimal rate = positive(event, "rate", true, fields);
        BigDecimal inverse = positive(event, "inverseRate", false, fields);
        String source = fields.text(event, "source", true, MAX_SOURCE);
        fields.check();
        BigDecimal direct = rate.stripTrailingZeros();
        BigDecimal back = inverse == null ? derivedInverse(direct) : inverse.stripTrailingZeros();
        if (RoundTrip.gains(direct, back)) {
            throw ApiException.invalid("rate_round_trip", new Violation(List.of("inverseRate"), "rate x inverseRate is "
                    + direct.multiply(back).toPlainString() + ": converting there and back would make money; it must"
                    + " be at most 1", "rate_round_trip", Map.of("le", 1)));
        }
        String at = clock.instant().toString();
        rates.putPair(new RateStore.StoredRate(from.get(), to.get(), direct, source, at),
                new RateStore.StoredRate(to.get(), from.get(), back, source, at));
        return new Answer(from.get(), to.get(), direct.toPlainString(), back.toPlainString(), source, at);
    }

    private static BigDecimal positive(JsonNode event, String field, boolean required, JsonFields fields) {
        BigDecimal value = fields.amount(event, field, required, RATE_SCALE);
        if (value != null && value.signum() == 0) {
            fields.add(Violation.of("Input should be greater than 0", "greater_than", field));
            return null;
        }
        return value;
    }

    private static BigDecimal derivedInverse(BigDecimal rate) {
        BigDecimal inverse = RoundTrip.inverse(rate, RATE_SCALE).stripTrailingZeros();
        if (inverse.signum() == 0) {
            throw ApiException.invalid("validation_error", Violation.of("The rate is too large for its inverse to"
                    + " have " + RATE_SCALE + " fraction digits; give inverseRate", "value_error", "rate"));
        }
        return inverse;
    }

    private Optional<String> currency(JsonNode event, String field, JsonFields fields) {
        String text = fields.text(event, field, true, 10);
        Optional<String> currency = Optional.ofNullable(text).filter(currencies::contains);
        if (text != null && currency.isEmpty()) {
            List<String> quoted = currencies.stream().map(known -> "'" + known + "'").toList();
            fields.add(Violation.of("Input should be " + String.join(", ", quoted.subList(0, quoted.size() - 1))
                    + " or " + quoted.get(quoted.size() - 1), "enum", field));
        }
        return currency;
    }
}
