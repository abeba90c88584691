package cc.marix.reseller.api;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
