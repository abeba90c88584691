package cc.marix.reseller.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.testing.Json;

/**
 * Hostile inputs, generated from a valid request: each variant breaks one thing (the JSON's syntax, its encoding, a
 * field's type or value, the body's size, the content type, a path segment, a header). Pure: no I/O, deterministic.
 */
final class HostileCorpus {

    static final int MEGABYTE = 1 << 20;
    static final int NESTING = 10_000;

    /** What a field holds, which decides the values that must be refused in it. */
    enum Role {
        /** an id or slug we look up: also look-alike letters and traversal */
        ID,
        /** one of a few fixed words */
        ENUM,
        /** free text */
        TEXT,
        /** an integer count */
        COUNT,
        /** a money amount that must be above zero */
        AMOUNT,
        /** a money amount that may be zero, so "-0" (zero to every parser) is no error in it */
        AMOUNT_OR_ZERO
    }

    /** A body variant: what it breaks, and its bytes. */
    record Body(String name, byte[] bytes) {
    }

    private HostileCorpus() {
    }

    /** Bodies broken as a whole, whatever the route reads. */
    static List<Body> syntax(String valid) {
        List<Body> bodies = new ArrayList<>();
        bodies.add(text("empty body", ""));
        bodies.add(text("only whitespace", " \r\n\t "));
        bodies.add(text("truncated JSON", valid.substring(0, valid.length() / 2)));
        bodies.add(text("truncated by one byte", valid.substring(0, valid.length() - 1)));
        bodies.add(text("missing value", "{\"a\":}"));
        bodies.add(text("not JSON", "hello"));
        bodies.add(text("unbalanced brackets", "{]"));
        bodies.add(text("trailing garbage", valid + "x"));
        bodies.add(text("two documents", valid + valid));
        bodies.add(text("top-level array", "[" + valid + "]"));
        bodies.add(text("top-level string", "\"text\""));
        bodies.add(text("top-level number", "1e400"));
        bodies.add(text("top-level null", "null"));
        bodies.add(text("single quotes", valid.replace('"', '\'')));
        bodies.add(text("comment", "/* c */" + valid));
        bodies.add(text("NaN literal", "{\"a\":NaN}"));
        bodies.add(text("deep array nesting", "[".repeat(NESTING) + "]".repeat(NESTING)));
        bodies.add(text("deep object nesting", "{\"a\":".repeat(NESTING) + "1" + "}".repeat(NESTING)));
        bodies.add(text("deep nesting inside the object", withField(valid, "x", "[".repeat(NESTING)
                + "]".repeat(NESTING))));
        bodies.add(text("number of 5000 digits", withField(valid, "x", "9".repeat(5000))));
        bodies.add(text("1 MB string", withField(valid, "x", "\"" + "a".repeat(MEGABYTE) + "\"")));
        bodies.add(text("10 MB body", withField(valid, "x", "\"" + "a".repeat(10 * MEGABYTE) + "\"")));
        bodies.add(raw("broken UTF-8 (0xFF)", valid, new byte[] {(byte) 0xFF}));
        bodies.add(raw("broken UTF-8 (bad continuation)", valid, new byte[] {(byte) 0xC3, 0x28}));
        bodies.add(raw("overlong UTF-8 slash", valid, new byte[] {(byte) 0xC0, (byte) 0xAF}));
        bodies.add(raw("UTF-8 encoded surrogate", valid, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        bodies.add(raw("truncated UTF-8 sequence", valid, new byte[] {(byte) 0xE2, (byte) 0x82}));
        bodies.add(raw("raw NUL byte in a string", valid, new byte[] {0}));
        bodies.add(new Body("NUL byte outside strings", concat(new byte[] {0}, utf8(valid))));
        bodies.add(new Body("UTF-16 body", valid.getBytes(StandardCharsets.UTF_16)));
        return bodies;
    }

    /** Bodies that are valid JSON but wrong in one field: types, numbers, control characters, look-alikes. */
    static List<Body> fields(ObjectNode valid, Map<String, Role> roles) {
        List<Body> bodies = new ArrayList<>();
        roles.forEach((path, role) -> {
            String current = Json.write(at(valid, path));
            for (Map.Entry<String, String> wrong : wrongValues(role, current).entrySet()) {
                if (wrong.getValue().equals(current)) {
                    // a look-alike of a value without letters is the value itself
                    continue;
                }
                bodies.add(text(path + ": " + wrong.getKey(), replaced(valid, path, wrong.getValue())));
            }
            bodies.add(text(path + ": duplicate key", duplicated(valid, path)));
        });
        return bodies;
    }

    /** Values that are wrong for a field of this role, as JSON text; {@code current} is the valid value. */
    static Map<String, String> wrongValues(Role role, String current) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("array", "[" + current + "]");
        values.put("object", "{\"value\":" + current + "}");
        values.put("boolean", "true");
        switch (role) {
            case COUNT, AMOUNT, AMOUNT_OR_ZERO -> {
                values.put("1e400", "1e400");
                values.put("-1e400", "-1e400");
                values.put("1e-400", "1e-400");
                values.put("1e999999999", "1e999999999");
                if (role != Role.AMOUNT_OR_ZERO) {
                    values.put("-0", "-0");
                    values.put("-0.0", "-0.0");
                }
                values.put("huge integer", "123456789012345678901234567890");
                values.put("negative", "-5");
                values.put("string 1e400", "\"1e400\"");
                values.put("string NaN", "\"NaN\"");
                values.put("string Infinity", "\"Infinity\"");
                values.put("string with NUL", "\"1\\u0000\"");
                values.put("fullwidth digits", "\"\uFF11\uFF15\uFF10\uFF10\"");
                if (role == Role.COUNT) {
                    values.put("fraction", "1.5");
                    values.put("zero", "0");
                }
            }
            case ID, ENUM, TEXT -> {
                values.put("number", "1e400");
                values.put("NUL inside", "\"a\\u0000b\"");
                values.put("lone surrogate", "\"\\ud800\"");
                values.put("right-to-left override", "\"\\u202eab\"");
                values.put("line separator", "\"a\\u2028b\"");
                values.put("too long (10,000 characters)", "\"" + "a".repeat(10_000) + "\"");
                if (role != Role.TEXT) {
                    values.put("empty", "\"\"");
                    values.put("look-alike letters", lookAlike(current));
                    values.put("fullwidth letters", fullwidth(current));
                    values.put("path traversal", "\"../../etc/passwd\"");
                    values.put("percent-encoded traversal", "\"%2e%2e%2f%2e%2e%2f\"");
                }
            }
            default -> throw new IllegalArgumentException(role.name());
        }
        return values;
    }

    /** Latin letters swapped for the Cyrillic ones that look the same: a different id to every parser. */
    static String lookAlike(String jsonText) {
        String swapped = jsonText.replace('a', '\u0430').replace('e', '\u0435').replace('o', '\u043E')
                .replace('c', '\u0441').replace('p', '\u0440');
        return swapped.equals(jsonText) ? "\"\u0430" + jsonText.replace("\"", "") + "\"" : swapped;
    }

    /** ASCII letters and digits as their fullwidth forms ({@code ０１９...}). */
    static String fullwidth(String jsonText) {
        StringBuilder out = new StringBuilder();
        for (char c : jsonText.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) && c < 0x80 ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return out.toString();
    }

    /** Path segments a caller could use to escape or confuse a route, as they appear in the raw path. */
    static Map<String, String> pathSegments(String valid) {
        Map<String, String> segments = new LinkedHashMap<>();
        segments.put("dot-dot", "..");
        segments.put("encoded dot-dot", "%2e%2e");
        segments.put("encoded traversal", "..%2f..%2faccess%2fme");
        segments.put("double-encoded traversal", "%252e%252e%252f");
        segments.put("encoded slash inside", valid + "%2F..");
        segments.put("encoded NUL", "%00");
        segments.put("valid id and encoded NUL", valid + "%00");
        segments.put("bad escape", "%ZZ");
        segments.put("encoded broken UTF-8", "%FF%FE");
        segments.put("encoded overlong slash", "%C0%AF");
        segments.put("look-alike letters", encode(lookAlike(valid)));
        segments.put("fullwidth", encode(fullwidth(valid)));
        segments.put("right-to-left override", "%E2%80%AE" + valid);
        segments.put("2,000 characters", "a".repeat(2_000));
        segments.put("trailing space", valid + "%20");
        segments.put("upper-case look-alike", encode(valid.toUpperCase(java.util.Locale.ROOT) + "\u0130"));
        return segments;
    }

    static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The field at a dotted path ({@code items.0.quantity}). */
    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.split("\\.")) {
            node = step.matches("\\d+") ? node.path(Integer.parseInt(step)) : node.path(step);
        }
        return node;
    }

    /** The valid body with the field at {@code path} replaced by {@code jsonValue} (any JSON text). */
    static String replaced(ObjectNode valid, String path, String jsonValue) {
        String marker = "\"__hostile__\"";
        ObjectNode copy = valid.deepCopy();
        String[] steps = path.split("\\.");
        JsonNode parent = copy;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i].matches("\\d+") ? parent.path(Integer.parseInt(steps[i])) : parent.path(steps[i]);
        }
        ((ObjectNode) parent).put(steps[steps.length - 1], "__hostile__");
        return Json.write(copy).replace(marker, jsonValue);
    }

    /** The valid body with the field at {@code path} given twice: the valid value, then another. */
    static String duplicated(ObjectNode valid, String path) {
        String[] steps = path.split("\\.");
        String name = steps[steps.length - 1];
        String value = Json.write(at(valid, path));
        String other = value.startsWith("\"") ? lookAlike(value) : value.equals("1") ? "2" : "1";
        return replaced(valid, path, value + ",\"" + name + "\":" + other);
    }

    /** The valid object with one more field {@code name} holding {@code jsonValue}. */
    static String withField(String validObject, String name, String jsonValue) {
        return "{\"" + name + "\":" + jsonValue + "," + validObject.substring(1);
    }

    private static Body text(String name, String body) {
        return new Body(name, utf8(body));
    }

    /** The valid body with {@code bytes} spliced into its first string value. */
    private static Body raw(String name, String valid, byte[] bytes) {
        int firstValue = valid.indexOf(":\"") + 2;
        byte[] head = utf8(valid.substring(0, firstValue));
        byte[] tail = utf8(valid.substring(firstValue));
        return new Body(name, concat(concat(head, bytes), tail));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
