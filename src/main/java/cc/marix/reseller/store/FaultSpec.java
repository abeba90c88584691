package cc.marix.reseller.store;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code FAULTS} asks for: per kind the chance per DynamoDB attempt, the added latency, and the seed, e.g.
 * {@code throttle=0.05,error=0.05,conflict=0.05,after-commit=0.05,latency=0.05:200ms,seed=42}. A kind left out is
 * never injected; a missing seed is 0. Anything malformed is refused with the offending part named, so a typo
 * stops the start-up instead of silently testing nothing.
 */
public record FaultSpec(Map<FaultKind, Double> rates, Duration latency, long seed) {

    private static final Pattern LATENCY = Pattern.compile("([0-9.]+):([0-9]+)(ms|s)");

    public FaultSpec {
        rates = Collections.unmodifiableMap(new EnumMap<>(rates));
    }

    /** The chance per attempt of {@code kind}, 0 when it is not asked for. */
    public double rate(FaultKind kind) {
        return rates.getOrDefault(kind, 0.0);
    }

    public static FaultSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw refused(text, "it is empty");
        }
        Map<FaultKind, Double> rates = new EnumMap<>(FaultKind.class);
        Duration latency = Duration.ZERO;
        Long seed = null;
        for (String part : text.trim().split(",", -1)) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw refused(text, "'" + part + "' is not name=value");
            }
            String name = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            if (name.equals("seed")) {
                if (seed != null) {
                    throw refused(text, "seed is given twice");
                }
                seed = seed(text, value);
                continue;
            }
            FaultKind kind = FaultKind.byWire(name).orElseThrow(() -> refused(text, "'" + name
                    + "' is no fault kind (throttle, error, conflict, after-commit, latency, seed)"));
            if (rates.containsKey(kind)) {
                throw refused(text, name + " is given twice");
            }
            if (kind == FaultKind.LATENCY) {
                Matcher matcher = LATENCY.matcher(value);
                if (!matcher.matches()) {
                    throw refused(text, "latency must be <rate>:<n>ms or <rate>:<n>s, not '" + value + "'");
                }
                rates.put(kind, rate(text, name, matcher.group(1)));
                latency = duration(text, matcher.group(2), matcher.group(3));
            } else {
                rates.put(kind, rate(text, name, value));
            }
        }
        return new FaultSpec(rates, latency, seed == null ? 0 : seed);
    }

    private static double rate(String text, String name, String value) {
        try {
            double rate = Double.parseDouble(value);
            if (rate >= 0 && rate <= 1 && !value.isEmpty() && Character.isDigit(value.charAt(value.length() - 1))) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // refused below with the rule
        }
        throw refused(text, name + " must be a chance between 0 and 1, not '" + value + "'");
    }

    private static Duration duration(String text, String amount, String unit) {
        try {
            long n = Long.parseLong(amount);
            Duration latency = unit.equals("s") ? Duration.ofSeconds(n) : Duration.ofMillis(n);
            if (latency.compareTo(Duration.ofMinutes(1)) <= 0) {
                return latency;
            }
        } catch (NumberFormatException e) {
            // refused below with the rule
        }
        throw refused(text, "latency must be at most 60s, not '" + amount + unit + "'");
    }

    private static long seed(String text, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw refused(text, "seed must be a whole number, not '" + value + "'");
        }
    }

    private static IllegalArgumentException refused(String text, String why) {
        return new IllegalArgumentException("FAULTS='" + text + "' is malformed: " + why + "; expected e.g. "
                + "throttle=0.05,error=0.05,conflict=0.05,after-commit=0.05,latency=0.05:200ms,seed=42");
    }
}
