package cc.marix.reseller.webhook;

import java.util.List;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.support.TokenChars;

/** {@code X-Event-Id}: required; a UUID in the seed, accepted as any 1..128 characters of [A-Za-z0-9._:-]. */
final class EventIdHeader {

    static final String NAME = "X-Event-Id";
    static final int MAX_LENGTH = 128;

    private EventIdHeader() {
    }

    static String require(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(List.of(Violation.of("Field required", "missing", "header", NAME)));
        }
        if (!wellFormed(value)) {
            throw ApiException.invalid(List.of(Violation.of(
                    "Input should be 1 to 128 characters of letters, digits and . _ : -", "string_pattern_mismatch",
                    "header", NAME)));
        }
        return value;
    }

    /** {@code [A-Za-z0-9._:-]{1,128}}, checked a character at a time: it runs on every notification (issue 14). */
    static boolean wellFormed(String value) {
        return !value.isEmpty() && value.length() <= MAX_LENGTH && TokenChars.lettersDigitsOr(value, 0, "._:-");
    }
}
