package cc.marix.reseller.admin;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.RateStore;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code setRate {from, to, rate, source}}: 1 {@code from} is worth {@code rate} {@code to} (e.g. usd -> rub 92.5).
 * Prices are converted with this rate at once; the opposite direction, if unset, is derived from it.
 */
@ApplicationScoped
public class SetRate implements AdminAction {

    /** Fraction digits a rate may have: enough for 1 rub in usd with room to spare. */
    static final int RATE_SCALE = 10;
    static final int MAX_SOURCE = 200;

    @RegisterForReflection
    public record Answer(String from, String to, String rate, String source, String updatedAt) {
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
        BigDecimal rate = fields.amount(event, "rate", true, RATE_SCALE);
        if (rate != null && rate.signum() == 0) {
            fields.add(Violation.of("Input should be greater than 0", "greater_than", "rate"));
        }
        String source = fields.text(event, "source", true, MAX_SOURCE);
        fields.check();
        BigDecimal exact = rate.stripTrailingZeros();
        String at = clock.instant().toString();
        rates.put(new RateStore.StoredRate(from.get(), to.get(), exact, source, at));
        return new Answer(from.get().wire(), to.get().wire(), exact.toPlainString(), source, at);
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
