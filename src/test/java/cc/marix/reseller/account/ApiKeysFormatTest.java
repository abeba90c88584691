package cc.marix.reseller.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.testing.DrawnTokens;

class ApiKeysFormatTest {

    /** The format as the class states it: the checker must accept exactly what this matches. */
    private static final Pattern STATED = Pattern.compile("mk_[A-Za-z0-9_-]{43}");
    private static final String ALPHABET = "aZ09_-mk.+/= é\u0000";

    @Test
    void wellFormed_shouldAcceptExactlyWhatTheStatedFormatMatches() {
        DrawnTokens.assertCheckedAsStated(STATED, ApiKeys::wellFormed, 46, random -> {
            String prefix = random.nextInt(8) == 0 ? "" : "mk_";
            int length = random.nextInt(4) == 0 ? random.nextInt(50) : 43 + random.nextInt(3) - 1;
            return prefix + DrawnTokens.draw(random, length, ALPHABET, 6);
        });
    }

    @Test
    void wellFormed_shouldTakeANewKey_andRefuseNull() {
        assertTrue(ApiKeys.wellFormed(ApiKeys.newKey()));
        assertFalse(ApiKeys.wellFormed(null));
        assertFalse(ApiKeys.wellFormed("MK_" + ApiKeys.newKey().substring(3)));
    }
}
