package cc.marix.reseller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MediaTypesTest {

    @Test
    void refusal_shouldBeEmpty_forTheRoutesOwnType_orNone() {
        assertTrue(MediaTypes.refusal("application/json", true, false).isEmpty());
        assertTrue(MediaTypes.refusal("Application/JSON; charset=UTF-8", true, false).isEmpty());
        assertTrue(MediaTypes.refusal("application/problem+json", true, false).isEmpty());
        assertTrue(MediaTypes.refusal(null, true, false).isEmpty());
        assertTrue(MediaTypes.refusal("text/plain", false, false).isEmpty());
        assertTrue(MediaTypes.refusal("application/x-www-form-urlencoded; charset=utf-8", true, true).isEmpty());
    }

    @Test
    void refusal_shouldBe415_forAnyOtherType() {
        assertEquals("unsupported_media_type", MediaTypes.refusal("text/plain", true, false).orElseThrow().code());
        assertEquals(415, MediaTypes.refusal("application/jsonx", true, false).orElseThrow().status());
        assertEquals(415, MediaTypes.refusal("multipart/form-data; boundary=x", true, false).orElseThrow().status());
        assertEquals(415, MediaTypes.refusal("application/json", true, true).orElseThrow().status());
    }
}
