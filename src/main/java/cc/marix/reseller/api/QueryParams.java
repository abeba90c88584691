package cc.marix.reseller.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * Reads query parameters the way the seed's FastAPI service does and collects every problem (loc
 * {@code ["query", name]}, pydantic's messages and types), so one 422 names all that is wrong with a request.
 * Each reader returns a fallback on a problem; {@link #check()} then throws. As in FastAPI, {@code ?limit=} is the
 * empty string (not absent: {@code @QueryParam} would make it null) and so not an integer, while an optional string
 * sent empty is absent; of a repeated parameter the last counts.
 */
public final class QueryParams {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,20}(\\.\\d{1,10})?");
    private static final int MAX_CHOICE = 64;
    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");
    // pydantic's lax booleans
    private static final Set<String> TRUE = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "off", "f", "false", "n", "no");

    private final MultivaluedMap<String, String> query;
    private final List<Violation> violations = new ArrayList<>();

    public QueryParams(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    public static QueryParams of(UriInfo uri) {
        return new QueryParams(uri.getQueryParameters(true));
    }

    /** The parameter as sent: null when absent, "" when sent without a value. */
    public String raw(String name) {
        if (!query.containsKey(name)) {
            return null;
        }
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(values.size() - 1);
    }

    public void add(Violation violation) {
        violations.add(violation);
    }

    public void check() {
        if (!violations.isEmpty()) {
            throw ApiException.invalid(List.copyOf(violations));
        }
    }

    /** An integer within [min, max]; {@code absent} when the parameter is not sent. */
    public int integer(String name, int min, int max, int absent) {
        String raw = raw(name);
        if (raw == null) {
            return absent;
        }
        String text = raw.trim();
        if (!INTEGER.matcher(text).matches()) {
            add(Violation.of("Input should be a valid integer, unable to parse string as an integer", "int_parsing",
                    "query", name));
            return absent;
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            add(Violation.of("Input should be greater than or equal to " + min, "greater_than_equal", "query", name));
            return absent;
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            add(Violation.of("Input should be less than or equal to " + max, "less_than_equal", "query", name));
            return absent;
        }
        return value.intValue();
    }

    /** true/false, 1/0, yes/no, on/off, t/f, y/n in any case; {@code absent} when not sent. */
    public boolean bool(String name, boolean absent) {
        String raw = raw(name);
        if (raw == null) {
            return absent;
        }
        String text = raw.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(text)) {
            return true;
        }
        if (FALSE.contains(text)) {
            return false;
        }
        add(Violation.of("Input should be a valid boolean, unable to interpret input", "bool_parsing", "query", name));
        return absent;
    }

    /**
     * One of {@code allowed} (exact words, as the enums of the seed's service); null when absent or sent empty. The
     * message names them as pydantic does ({@code Input should be 'a', 'b' or 'c'}).
     */
    public String choice(String name, List<String> allowed) {
        String raw = text(name, false, MAX_CHOICE);
        if (raw == null || allowed.contains(raw)) {
            return raw;
        }
        List<String> quoted = allowed.stream().map(value -> "'" + value + "'").toList();
        String listed = String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
        add(Violation.of("Input should be " + listed, "enum", "query", name));
        return null;
    }

    /**
     * A plain decimal ({@code 4990}, {@code 4990.50}) of at least {@code min}; null when absent or sent empty.
     * Exponents and more than 20 integer or 10 fraction digits are refused: no bound needs them.
     */
    public BigDecimal decimal(String name, BigDecimal min) {
        String raw = text(name, false, MAX_CHOICE);
        if (raw == null) {
            return null;
        }
        if (!DECIMAL.matcher(raw).matches()) {
            add(Violation.of("Input should be a valid decimal", "decimal_parsing", "query", name));
            return null;
        }
        BigDecimal value = new BigDecimal(raw);
        if (value.compareTo(min) < 0) {
            add(Violation.of("Input should be greater than or equal to " + min.toPlainString(), "greater_than_equal",
                    "query", name));
            return null;
        }
        return value;
    }

    /**
     * An ISO-8601 date-time ({@code 2026-05-14T10:30:00Z}, with an offset, or without one: UTC) or a date alone
     * (its start, UTC); null when absent or sent empty. Years 1..9999 only.
     */
    public Instant instant(String name) {
        String raw = text(name, false, MAX_CHOICE);
        if (raw == null) {
            return null;
        }
        Instant parsed = parseInstant(raw);
        if (parsed == null || parsed.isBefore(FIRST_INSTANT) || parsed.isAfter(LAST_INSTANT)) {
            add(Violation.of("Input should be a valid datetime", "datetime_parsing", "query", name));
            return null;
        }
        return parsed;
    }

    private static Instant parseInstant(String text) {
        try {
            if (!text.contains("T")) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof ZonedDateTime zoned ? zoned.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A string of 1..maxLength characters without control characters; null when absent (and not required). An
     * optional ({@code string | null}) parameter sent empty or blank ({@code ?tag=}) is absent, as the seed's FastAPI
     * service reads it; a required one sent so is too short.
     */
    public String text(String name, boolean required, int maxLength) {
        String raw = raw(name);
        if (raw == null || !required && raw.isBlank()) {
            if (required) {
                add(Violation.of("Field required", "missing", "query", name));
            }
            return null;
        }
        if (raw.isBlank()) {
            add(Violation.of("String should have at least 1 character", "string_too_short", "query", name));
            return null;
        }
        if (raw.length() > maxLength) {
            add(Violation.of("String should have at most " + maxLength + " characters", "string_too_long", "query",
                    name));
            return null;
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(raw)
                || raw.codePoints().anyMatch(JsonFields::invisibleControl)) {
            add(Violation.of("String must be valid Unicode without control characters", "value_error", "query", name));
            return null;
        }
        return raw.trim();
    }
}
