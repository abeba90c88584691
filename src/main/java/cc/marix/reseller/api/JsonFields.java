package cc.marix.reseller.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON object and collects every problem in FastAPI's shape instead of stopping at the first, so
 * a client sees all that is wrong with one request. {@link #check()} throws the 422 when anything was found.
 */
public final class JsonFields {

    private static final Charset UTF8 = StandardCharsets.UTF_8;
    /** BigDecimal alone would also read other scripts' digits ("１５００"), which no client means as a number. */
    private static final Pattern ASCII_DECIMAL = Pattern.compile("[+-]?[0-9]*\\.?[0-9]*([eE][+-]?[0-9]{1,10})?");

    private final List<Violation> violations = new ArrayList<>();

    public void add(Violation violation) {
        violations.add(violation);
    }

    public void check() {
        if (!violations.isEmpty()) {
            throw ApiException.invalid(List.copyOf(violations));
        }
    }

    public String text(JsonNode object, String field, boolean required, int maxLength, Object... loc) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                missing(field, loc);
            }
            return null;
        }
        if (!node.isTextual()) {
            add(new Violation(at(loc, field), "Input should be a valid string", "string_type"));
            return null;
        }
        String value = node.asText();
        if (required && value.isBlank()) {
            add(new Violation(at(loc, field), "String should have at least 1 character", "string_too_short"));
            return null;
        }
        if (value.length() > maxLength) {
            add(new Violation(at(loc, field), "String should have at most " + maxLength + " characters",
                    "string_too_long"));
            return null;
        }
        if (!UTF8.newEncoder().canEncode(value)) {
            add(new Violation(at(loc, field), "String must be valid Unicode (no lone surrogates)", "string_unicode"));
            return null;
        }
        if (value.codePoints().anyMatch(JsonFields::invisibleControl)) {
            add(new Violation(at(loc, field), "String must not contain control characters", "value_error"));
            return null;
        }
        return value;
    }

    /** Control characters, line and paragraph separators, and the bidirectional overrides that can disguise text. */
    public static boolean invisibleControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    public String matching(JsonNode object, String field, boolean required, Pattern pattern, String what,
            Object... loc) {
        String value = text(object, field, required, 254, loc);
        if (value != null && !pattern.matcher(value).matches()) {
            add(new Violation(at(loc, field), "Input should be " + what, "string_pattern_mismatch"));
            return null;
        }
        return value;
    }

    /** An integer within [min, max]; "1", 1.5 and 1e2 are refused as FastAPI (strict mode) would. */
    public Integer integer(JsonNode object, String field, boolean required, long min, long max, Object... loc) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                missing(field, loc);
            }
            return null;
        }
        if (!node.isIntegralNumber()) {
            add(new Violation(at(loc, field), "Input should be a valid integer", "int_type"));
            return null;
        }
        if (!node.canConvertToLong()) {
            boolean negative = node.bigIntegerValue().signum() < 0;
            add(new Violation(at(loc, field), negative ? "Input should be greater than or equal to " + min
                    : "Input should be less than or equal to " + max, negative ? "greater_than_equal" : "less_than_equal"));
            return null;
        }
        if (node.asLong() < min) {
            add(new Violation(at(loc, field), "Input should be greater than or equal to " + min, "greater_than_equal"));
            return null;
        }
        if (node.asLong() > max) {
            add(new Violation(at(loc, field), "Input should be less than or equal to " + max, "less_than_equal"));
            return null;
        }
        return (int) node.asLong();
    }

    /** A non-negative decimal with at most {@code scale} fraction digits, given as a JSON number or a string. */
    public BigDecimal amount(JsonNode object, String field, boolean required, int scale, Object... loc) {
        return decimal(object, field, required, scale, false, loc);
    }

    /** A decimal of either sign (a credit or a debit), with at most {@code scale} fraction digits. */
    public BigDecimal signedAmount(JsonNode object, String field, boolean required, int scale, Object... loc) {
        return decimal(object, field, required, scale, true, loc);
    }

    private BigDecimal decimal(JsonNode object, String field, boolean required, int scale, boolean signed,
            Object... loc) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                missing(field, loc);
            }
            return null;
        }
        BigDecimal value;
        try {
            value = node.isNumber() ? node.decimalValue()
                    : node.isTextual() && ASCII_DECIMAL.matcher(node.asText()).matches() ? new BigDecimal(node.asText())
                    : null;
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null) {
            add(new Violation(at(loc, field), "Input should be a valid decimal", "decimal_parsing"));
            return null;
        }
        if (value.signum() < 0 && !signed) {
            add(new Violation(at(loc, field), "Input should be greater than or equal to 0", "greater_than_equal"));
            return null;
        }
        // long arithmetic: precision - scale overflows int for exponents like 1e2147483647
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > 15 || value.scale() < -15 || value.stripTrailingZeros().scale() > scale) {
            add(new Violation(at(loc, field), "Decimal should have at most " + scale
                    + " decimal places and 15 digits before the point", "decimal_max_places"));
            return null;
        }
        return value.setScale(Math.max(scale, 0), RoundingMode.UNNECESSARY);
    }

    public Boolean bool(JsonNode object, String field, Object... loc) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            add(new Violation(at(loc, field), "Input should be a valid boolean", "bool_type"));
            return null;
        }
        return node.asBoolean();
    }

    public List<String> strings(JsonNode object, String field, int maxItems, Object... loc) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > maxItems) {
            add(new Violation(at(loc, field), "Input should be a list of at most " + maxItems + " strings",
                    "list_type"));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                List<Object> path = at(loc, field);
                path.add(i);
                add(new Violation(path, "Input should be a valid string", "string_type"));
            } else {
                values.add(node.get(i).asText());
            }
        }
        return values;
    }

    /** A JSON object, or null when absent. */
    public JsonNode object(JsonNode object, String field, Object... loc) {
        return ofType(object, field, JsonNode::isObject, "Input should be an object", "dict_type", loc);
    }

    /** A JSON array, or null when absent. */
    public JsonNode array(JsonNode object, String field, Object... loc) {
        return ofType(object, field, JsonNode::isArray, "Input should be a list", "list_type", loc);
    }

    private JsonNode ofType(JsonNode object, String field, Predicate<JsonNode> wanted, String msg, String type,
            Object... loc) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!wanted.test(value)) {
            add(new Violation(at(loc, field), msg, type));
            return null;
        }
        return value;
    }

    public void missing(String field, Object... loc) {
        add(new Violation(at(loc, field), "Field required", "missing"));
    }

    public static List<Object> at(Object[] loc, Object field) {
        List<Object> path = new ArrayList<>(List.of(loc));
        path.add(field);
        return path;
    }
}
