package cc.marix.reseller.admin;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.RateStore;
import cc.marix.reseller.pricing.RoundTrip;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code setRate {from, to, rate, inverseRate?, source}}: 1 {@code from} is worth {@code rate} {@code to} (e.g. usd
 * -> rub 92.5). Both directions are written in one transaction: {@code inverseRate} (1 {@code to} in {@code from})
 * when the admin gives it, else {@code 1 / rate} rounded down (see {@link RoundTrip}). A pair whose product is above
 * 1 is refused (422 {@code rate_round_trip}): converting back and forth would make money. Prices are converted with
 * the new rates at once.
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

    public SetRate(RateStore rates, Clock clock) {
        this.rates = rates;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "setRate";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        Optional<PriceCurrency> from = currency(event, "from", fields);
        Optional<PriceCurrency> to = currency(event, "to", fields);
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
        return new Answer(from.get().wire(), to.get().wire(), direct.toPlainString(), back.toPlainString(), source,
                at);
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

    private static Optional<PriceCurrency> currency(JsonNode event, String field, JsonFields fields) {
        String text = fields.text(event, field, true, 10);
        Optional<PriceCurrency> currency = text == null ? Optional.empty() : PriceCurrency.fromWire(text);
        if (text != null && currency.isEmpty()) {
            fields.add(Violation.of("Input should be 'rub' or 'usd'", "enum", field));
        }
        return currency;
    }
}
