package cc.marix.reseller.support;

/**
 * Checks a token of ASCII letters, digits and a few marks a character at a time: the formats of request headers and
 * keys checked on every request (an API key, an {@code X-Event-Id}), where a regular expression's matcher cost more
 * than the rest of the check (issue 14).
 */
public final class TokenChars {

    private TokenChars() {
    }

    /** Whether every character of {@code value} from index {@code from} on is an ASCII letter, a digit or in {@code marks}. */
    public static boolean lettersDigitsOr(String value, int from, String marks) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || marks.indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
