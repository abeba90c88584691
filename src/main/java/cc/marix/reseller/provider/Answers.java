package cc.marix.reseller.provider;

import java.math.BigDecimal;

/** Reading the fields of a provider's answer or callback, which are text however they look. */
public final class Answers {

    private Answers() {
    }

    /** An amount as a provider writes it ("2", "317.42"); null when absent or not a plain decimal. */
    public static BigDecimal decimal(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
