package cc.marix.reseller.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.support.TokenChars;

/**
 * API keys: {@code mk_} and 43 characters of base64url (32 random bytes). Only their SHA-256 is stored; a key's
 * first characters ({@link #keyId}) name it in lists and logs without revealing it.
 */
public final class ApiKeys {

    static final String PREFIX = "mk_";
    /** {@code mk_[A-Za-z0-9_-]{43}}: the prefix and 32 bytes in base64url without padding. */
    static final int LENGTH = PREFIX.length() + 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Checked a character at a time, not by a regular expression: every API request's key is (issue 14). */
    public static boolean wellFormed(String key) {
        return key != null && key.length() == LENGTH && key.startsWith(PREFIX)
                && TokenChars.lettersDigitsOr(key, PREFIX.length(), "_-");
    }

    public static String hash(String key) {
        return Sha256.hex(key.getBytes(StandardCharsets.US_ASCII));
    }

    /** The key's public name: its prefix and first 8 characters. */
    public static String keyId(String key) {
        return key.substring(0, PREFIX.length() + 8);
    }
}
