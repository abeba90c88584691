package cc.marix.reseller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

    private final MultivaluedHashMap<String, String> sent = new MultivaluedHashMap<>();

    private QueryParams with(String... pairs) {
        sent.clear();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                sent.put(pairs[i], List.of());
            } else {
                sent.add(pairs[i], pairs[i + 1]);
            }
        }
        return new QueryParams(sent);
    }

    private static List<String> types(QueryParams params) {
        ApiException refused = assertThrows(ApiException.class, params::check);
        assertEquals(422, refused.status());
        return refused.body().violations().stream().map(Violation::type).toList();
    }

    @Test
    void integer_shouldRefuseWhatFastApiRefuses_namingEachParameter() {
        assertEquals(20, with().integer("limit", 1, 100, 20));
        assertEquals(7, with("limit", "7").integer("limit", 1, 100, 20));
        assertEquals(9, with("limit", "7", "limit", "9").integer("limit", 1, 100, 20), "the last one counts");
        QueryParams params = with("a", "0", "b", "101", "c", "-1", "d", "abc", "e", null, "f", "1.5",
                "g", "99999999999999999999999");
        for (String name : List.of("a", "b", "d", "e", "f", "g")) {
            params.integer(name, 1, 100, 20);
        }
        params.integer("c", 0, 100, 20);
        assertEquals(List.of("greater_than_equal", "less_than_equal", "int_parsing", "int_parsing", "int_parsing",
                "less_than_equal", "greater_than_equal"), types(params));
    }

    @Test
    void bool_shouldAcceptPydanticsWords_only() {
        QueryParams params = with("a", "TRUE", "b", "1", "c", "yes", "d", "off", "e", "maybe");
        assertTrue(params.bool("a", false));
        assertTrue(params.bool("b", false));
        assertTrue(params.bool("c", false));
        assertFalse(params.bool("d", true));
        assertFalse(params.bool("absent", false));
        params.check();
        params.bool("e", false);
        ApiException refused = assertThrows(ApiException.class, params::check);
        assertEquals(List.of("query", "e"), refused.body().violations().get(0).loc());
        assertEquals("bool_parsing", refused.body().violations().get(0).type());
    }

    @Test
    void text_shouldRequire_trim_andBound() {
        assertEquals("игра", with("query", " игра ").text("query", true, 10));
        assertNull(with().text("tag", false, 10));
        assertEquals("", with("cursor", null).raw("cursor"), "sent without a value");
        assertNull(with().raw("cursor"));
        QueryParams params = with("b", "   ", "c", "x".repeat(11), "d", "a\u0000b", "e", null);
        for (String name : List.of("a", "b", "c", "d", "e")) {
            params.text(name, true, 10);
        }
        assertEquals(List.of("missing", "string_too_short", "string_too_long", "value_error", "string_too_short"),
                types(params));
    }

    @Test
    void optionalText_sentEmptyOrBlank_shouldBeAbsent_asFastApiReadsStringOrNull() {
        QueryParams params = with("tag", null, "item_id", "", "parent_id_or_slug", "  ");
        assertNull(params.text("tag", false, 10));
        assertNull(params.text("item_id", false, 10));
        assertNull(params.text("parent_id_or_slug", false, 10));
        params.check();
        QueryParams required = with("query", "");
        required.text("query", true, 10);
        assertEquals(List.of("string_too_short"), types(required), "a required string sent empty stays too short");
    }
}
