package cc.marix.reseller.webhook;

import java.util.List;
import java.util.regex.Pattern;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.Violation;

/** {@code X-Event-Id}: required; a UUID in the seed, accepted as any 1..128 characters of [A-Za-z0-9._:-]. */
final class EventIdHeader {

    static final String NAME = "X-Event-Id";
    static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private EventIdHeader() {
    }

    static String require(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(List.of(Violation.of("Field required", "missing", "header", NAME)));
        }
        if (!FORMAT.matcher(value).matches()) {
            throw ApiException.invalid(List.of(Violation.of(
                    "Input should be 1 to 128 characters of letters, digits and . _ : -", "string_pattern_mismatch",
                    "header", NAME)));
        }
        return value;
    }
}
