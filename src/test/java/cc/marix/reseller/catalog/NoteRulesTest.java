package cc.marix.reseller.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.api.Violation;
import cc.marix.reseller.testing.Json;

class NoteRulesTest {

    private static final Product PRODUCT = product(List.of("email", "region"),
            Json.object().put("email", "email").put("level", "integer").put("score", "number"),
            options("region", "EU", "US"));

    @Test
    void aNoteThatKeepsEveryRule_shouldPass() {
        ObjectNode note = Json.object().put("email", "a@example.com").put("region", "EU").put("level", "12")
                .put("score", 1.5).put("nickname", "Игрок").put("gift", true).put("age", 30);

        assertEquals(List.of(), NoteRules.check(PRODUCT, note, "note"));
    }

    @Test
    void missingAndBlankRequiredFields_shouldBeReportedAsMissing_andStopThere() {
        ObjectNode note = Json.object().put("email", "  ").put("level", "x");

        assertEquals(List.of("email:missing", "region:missing"), found(NoteRules.check(PRODUCT, note, "note")));
    }

    @Test
    void everyTypeAndOption_shouldBeChecked() {
        ObjectNode note = Json.object().put("email", "nope").put("region", "ASIA").put("level", 1.5)
                .put("score", "abc");

        assertEquals(List.of("email:value_error", "region:enum", "level:int_parsing", "score:decimal_parsing"),
                found(NoteRules.check(PRODUCT, note, "note")));
    }

    @Test
    void nestedValuesControlCharactersAndTooManyFields_shouldBeRefused() {
        ObjectNode nested = Json.object().put("email", "a@example.com").put("region", "EU");
        nested.putObject("deep").put("x", 1);
        nested.put("bad", "line\nbreak");
        nested.put("", "empty name");
        nested.put("bad\u0000name", "x");
        assertEquals(List.of("deep:value_error", "bad:value_error", ":value_error", "bad\u0000name:value_error"),
                found(NoteRules.check(PRODUCT, nested, "note")));

        ObjectNode many = Json.object();
        for (int i = 0; i < 21; i++) {
            many.put("f" + i, "v");
        }
        assertEquals("too_long", NoteRules.check(PRODUCT, many, "note").get(0).type());
    }

    @Test
    void theImport_shouldRefuseUnknownTypesAndBadOptions() {
        ObjectNode types = Json.object().put("a", "email").put("b", "date");
        ObjectNode options = Json.object().put("c", "EU");
        options.putArray("d");

        List<Violation> problems = NoteRules.schemaProblems(types, options, "products", 0);

        assertEquals(List.of(List.of("products", 0, "noteFieldTypes", "b"), List.of("products", 0, "noteFieldOptions",
                "c"), List.of("products", 0, "noteFieldOptions", "d")), problems.stream().map(Violation::loc).toList());
    }

    private static List<String> found(List<Violation> violations) {
        return violations.stream().map(v -> v.loc().get(v.loc().size() - 1) + ":" + v.type()).toList();
    }

    private static JsonNode options(String field, String... values) {
        ObjectNode options = Json.object();
        for (String value : values) {
            options.withArray(field).add(value);
        }
        return options;
    }

    private static Product product(List<String> required, JsonNode types, JsonNode options) {
        return new Product("p", "p", "c", null, null, null, null, BigDecimal.ONE, "rub", 1, 10, required, options,
                types, false);
    }
}
