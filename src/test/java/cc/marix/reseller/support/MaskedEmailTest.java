package cc.marix.reseller.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskedEmailTest {

    @Test
    void anAddress_shouldKeepItsFirstCharacterAndDomainOnly() {
        assertEquals("b***@example.com", MaskedEmail.of("bob@example.com"));
        assertEquals("b***@example.com", MaskedEmail.of("b@example.com"));
        assertEquals("a***@mail.example.org", MaskedEmail.of("a.b+tag@x@mail.example.org"));
    }

    @Test
    void whatIsNoAddress_shouldShowNothingOfIt() {
        assertEquals("***", MaskedEmail.of(null));
        assertEquals("***", MaskedEmail.of("bob"));
        assertEquals("***", MaskedEmail.of("@example.com"));
        assertEquals("***", MaskedEmail.of("bob@"));
    }
}
