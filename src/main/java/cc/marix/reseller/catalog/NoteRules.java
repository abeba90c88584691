package cc.marix.reseller.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.EmailAddress;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;

/**
 * What a product asks of an order's {@code note}: every {@code requiredNoteFields} entry present and not blank; a
 * field named in {@code noteFieldTypes} of that type ({@value #STRING}, {@value #EMAIL}, {@value #INTEGER},
 * {@value #NUMBER}); a field named in {@code noteFieldOptions} one of its options. A note is a flat object of at most
 * {@value #MAX_FIELDS} strings, numbers or booleans, each at most {@value #MAX_VALUE} characters.
 */
public final class NoteRules {

    public static final String STRING = "string";
    public static final String EMAIL = "email";
    public static final String INTEGER = "integer";
    public static final String NUMBER = "number";
    static final Set<String> TYPES = Set.of(STRING, EMAIL, INTEGER, NUMBER);
    static final int MAX_FIELDS = 20;
    static final int MAX_VALUE = 500;
    static final int MAX_NAME = 100;

    private NoteRules() {
    }

    /** Problems of a product's rules themselves, as the catalog import reports them. */
    public static List<Violation> schemaProblems(JsonNode types, JsonNode options, Object... loc) {
        List<Violation> problems = new ArrayList<>();
        if (types != null) {
            types.fields().forEachRemaining(type -> {
                if (!type.getValue().isTextual() || !TYPES.contains(type.getValue().asText())) {
                    problems.add(new Violation(path(loc, "noteFieldTypes", type.getKey()),
                            "Input should be 'string', 'email', 'integer' or 'number'", "enum"));
                }
            });
        }
        if (options != null) {
            options.fields().forEachRemaining(option -> {
                JsonNode values = option.getValue();
                boolean strings = values.isArray() && !values.isEmpty();
                for (Iterator<JsonNode> it = values.elements(); strings && it.hasNext();) {
                    strings = it.next().isTextual();
                }
                if (!strings) {
                    problems.add(new Violation(path(loc, "noteFieldOptions", option.getKey()),
                            "Input should be a non-empty list of strings", "list_type"));
                }
            });
        }
        return problems;
    }

    /** Problems of an order's note for this product, located under {@code loc} (the note's own location). */
    public static List<Violation> check(Product product, JsonNode note, Object... loc) {
        List<Violation> problems = new ArrayList<>();
        if (note.size() > MAX_FIELDS) {
            problems.add(new Violation(List.of(loc), "A note holds at most " + MAX_FIELDS + " fields", "too_long"));
            return problems;
        }
        for (Map.Entry<String, JsonNode> field : iterable(note)) {
            if (field.getKey().isBlank() || field.getKey().length() > MAX_NAME
                    || field.getKey().codePoints().anyMatch(JsonFields::invisibleControl)) {
                problems.add(new Violation(path(loc, field.getKey()), "A note field's name must be 1.." + MAX_NAME
                        + " characters, without control characters", "value_error"));
                continue;
            }
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.asText().length() > MAX_VALUE || (value.isTextual()
                    && value.asText().codePoints().anyMatch(JsonFields::invisibleControl))) {
                problems.add(new Violation(path(loc, field.getKey()), "Input should be a string, number or boolean"
                        + " of at most " + MAX_VALUE + " characters, without control characters", "value_error"));
            }
        }
        for (String required : product.requiredNoteFields() == null ? List.<String>of() : product.requiredNoteFields()) {
            JsonNode value = note.get(required);
            if (value == null || value.isNull() || value.asText().isBlank()) {
                problems.add(new Violation(path(loc, required), "Field required", "missing"));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        for (Map.Entry<String, JsonNode> field : iterable(note)) {
            if (field.getValue().isNull()) {
                continue;
            }
            Violation typed = typeProblem(product, field.getKey(), field.getValue(), loc);
            Violation option = typed == null ? optionProblem(product, field.getKey(), field.getValue(), loc) : null;
            if (typed != null || option != null) {
                problems.add(typed != null ? typed : option);
            }
        }
        return problems;
    }

    private static Violation typeProblem(Product product, String name, JsonNode value, Object[] loc) {
        JsonNode types = product.noteFieldTypes();
        String type = types == null || !types.has(name) ? STRING : types.get(name).asText();
        String text = value.asText();
        return switch (type) {
            case EMAIL -> value.isTextual() && EmailAddress.PATTERN.matcher(text).matches() ? null
                    : new Violation(path(loc, name), "Input should be a valid e-mail address", "value_error");
            case INTEGER -> value.isIntegralNumber() || (value.isTextual() && text.matches("-?[0-9]{1,18}")) ? null
                    : new Violation(path(loc, name), "Input should be a valid integer", "int_parsing");
            case NUMBER -> value.isNumber() || (value.isTextual() && decimal(text)) ? null
                    : new Violation(path(loc, name), "Input should be a valid number", "decimal_parsing");
            // a plain field takes any scalar: "7", 7 and true are all a player's answer
            default -> null;
        };
    }

    private static Violation optionProblem(Product product, String name, JsonNode value, Object[] loc) {
        JsonNode options = product.noteFieldOptions() == null ? null : product.noteFieldOptions().get(name);
        if (options == null || !options.isArray()) {
            return null;
        }
        List<String> allowed = new ArrayList<>();
        options.forEach(option -> allowed.add(option.asText()));
        if (allowed.contains(value.asText())) {
            return null;
        }
        return new Violation(path(loc, name), "Input should be " + allowed.stream().map(option -> "'" + option + "'")
                .collect(Collectors.joining(", ")), "enum");
    }

    private static boolean decimal(String text) {
        try {
            new BigDecimal(text);
            return text.length() <= 40;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode note) {
        return note::fields;
    }

    private static List<Object> path(Object[] loc, Object... more) {
        List<Object> path = new ArrayList<>(List.of(loc));
        path.addAll(List.of(more));
        return path;
    }
}
