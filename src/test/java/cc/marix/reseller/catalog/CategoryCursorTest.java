package cc.marix.reseller.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CategoryCursorTest {

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void after_shouldRoundTrip_andBeUrlSafe() {
        String cursor = CategoryCursor.after("steam-gift-cards");
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        assertEquals(Optional.of("steam-gift-cards"), CategoryCursor.slugAfter(cursor));
    }

    @Test
    void slugAfter_shouldRefuseAnythingNotInTheIssuedShape() {
        String valid = CategoryCursor.after("games");
        assertFalse(CategoryCursor.slugAfter("").isPresent(), "empty");
        assertFalse(CategoryCursor.slugAfter("!!!").isPresent(), "not base64url");
        assertFalse(CategoryCursor.slugAfter(valid.replace('e', '+')).isPresent(), "standard base64 alphabet");
        assertFalse(CategoryCursor.slugAfter(valid.substring(0, valid.length() - 3)).isPresent(), "truncated");
        assertFalse(CategoryCursor.slugAfter(valid + "x").isPresent(), "one character more");
        assertFalse(CategoryCursor.slugAfter(encoded("not json")).isPresent());
        assertFalse(CategoryCursor.slugAfter(encoded("[]")).isPresent());
        assertFalse(CategoryCursor.slugAfter(encoded("{\"v\":1,\"after\":123}")).isPresent());
        assertFalse(CategoryCursor.slugAfter(encoded("{\"v\":2,\"after\":\"games\"}")).isPresent());
        assertFalse(CategoryCursor.slugAfter(encoded("{\"v\":1,\"after\":\"Games/../x\"}")).isPresent());
        assertFalse(CategoryCursor.slugAfter(encoded("{\"v\":1,\"after\":\"games\",\"x\":1}")).isPresent());
        assertFalse(CategoryCursor.slugAfter(encoded("{\"v\":1,\"after\":\"games\"} {}")).isPresent(), "trailing");
        assertFalse(CategoryCursor.slugAfter(Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, '{'}))
                .isPresent(), "not UTF-8");
        assertFalse(CategoryCursor.slugAfter("A".repeat(10_000)).isPresent(), "huge");
        assertEquals(Optional.of("a-b"), CategoryCursor.slugAfter(encoded("{\"after\":\"a-b\",\"v\":1}")));
    }
}
