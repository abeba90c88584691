package cc.marix.reseller.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds values that must never be logged (codes, keys, secrets, a customer's address) in captured log lines. A
 * finding names the value's label and the line's logger, never the value, so a failing test does not print it.
 */
public final class LeakScan {

    /** A captured line: the logger that wrote it and its text (message, parameters and exception messages). */
    public record Line(String logger, String text) {
    }

    private LeakScan() {
    }

    /** One finding per (value, line) where the line holds the value, compared without regard to case. */
    public static List<String> leaks(List<Line> lines, Map<String, String> secretsByLabel) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> secret : secretsByLabel.entrySet()) {
            if (secret.getValue() == null || secret.getValue().length() < 6) {
                throw new IllegalArgumentException(secret.getKey() + " is too short to look for");
            }
            String value = secret.getValue().toLowerCase(Locale.ROOT);
            for (Line line : lines) {
                if (line.text().toLowerCase(Locale.ROOT).contains(value)) {
                    found.add(secret.getKey() + " in a line of " + line.logger());
                }
            }
        }
        return found;
    }
}
