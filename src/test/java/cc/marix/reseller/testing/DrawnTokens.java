package cc.marix.reseller.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Strings drawn to hold a format checked a character at a time to the regular expression it stands for: mostly the
 * format's own characters, so that long well-formed values are drawn too, now and then any other.
 */
public final class DrawnTokens {

    private static final int ANY_ONE_IN = 20;
    private static final int ROUNDS = 20_000;

    private DrawnTokens() {
    }

    /** {@code length} characters: one in twenty any of {@code alphabet}, the rest among its first {@code usual}. */
    public static String draw(Random random, int length, String alphabet, int usual) {
        StringBuilder drawn = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            drawn.append(random.nextInt(ANY_ONE_IN) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                    : alphabet.charAt(random.nextInt(usual)));
        }
        return drawn.toString();
    }

    /**
     * Over 20,000 values from {@code drawing} (seeded with {@code seed}), {@code checker} accepts exactly those
     * {@code stated} matches, and both outcomes were drawn.
     */
    public static void assertCheckedAsStated(Pattern stated, Predicate<String> checker, long seed,
            Function<Random, String> drawing) {
        Random random = new Random(seed);
        int accepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String drawn = drawing.apply(random);
            boolean matches = stated.matcher(drawn).matches();
            assertEquals(matches, checker.test(drawn), drawn);
            accepted += matches ? 1 : 0;
        }
        assertTrue(accepted > 0 && accepted < ROUNDS, "both outcomes drawn: " + accepted);
    }
}
