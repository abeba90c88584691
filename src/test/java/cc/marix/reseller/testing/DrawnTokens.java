package cc.marix.reseller.testing;

import java.util.Random;

/**
 * Strings drawn to hold a format checked a character at a time to the regular expression it stands for: mostly the
 * format's own characters, so that long well-formed values are drawn too, now and then any other.
 */
public final class DrawnTokens {

    private static final int ANY_ONE_IN = 20;

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
}
