package cc.marix.reseller.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The seed's {@code x-language} ({@code ru}, {@code en}) and {@code x-currency} ({@code rub}, {@code usd}) headers,
 * accepted on every API route; any other value is a 422 naming the header.
 */
public record ClientPreferences(String language, String currency) {

    static final Set<String> LANGUAGES = Set.of("ru", "en");
    static final Set<String> CURRENCIES = Set.of("rub", "usd");

    /** Validated preferences; null where a header was not sent. */
    public static ClientPreferences of(String language, String currency) {
        String lang = normalized(language);
        String cur = normalized(currency);
        if (lang != null && !LANGUAGES.contains(lang)) {
            throw ApiException.invalid(List.of(Violation.of("Input should be 'ru' or 'en'", "enum", "header",
                    "x-language")));
        }
        if (cur != null && !CURRENCIES.contains(cur)) {
            throw ApiException.invalid(List.of(Violation.of("Input should be 'rub' or 'usd'", "enum", "header",
                    "x-currency")));
        }
        return new ClientPreferences(lang, cur);
    }

    private static String normalized(String header) {
        return header == null || header.isBlank() ? null : header.trim().toLowerCase(Locale.ROOT);
    }
}
