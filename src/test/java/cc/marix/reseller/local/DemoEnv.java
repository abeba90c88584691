package cc.marix.reseller.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * run-local's demo values for scripts/smoke.sh, written to {@code target/local/demo.env}: {@code NAME=value}, one a
 * line, no quoting (the script reads the names it knows and never executes the file). It holds the demo partner's
 * secret and the demo API key, so it is created readable by its owner only (0600) and never printed; these are
 * demo secrets of a loopback-only run, but the habit is the one a real ENV_FILE needs.
 */
final class DemoEnv {

    private final Map<String, String> values = new LinkedHashMap<>();

    /** The values of a run-local whose front (every HTTP function) listens at {@code baseUrl}. */
    static DemoEnv of(String baseUrl, String apiKey) {
        DemoEnv env = new DemoEnv();
        env.put("BASE_URL", baseUrl);
        env.put("PARTNER_WEBHOOK_URL", baseUrl);
        env.put("PARTNER", DemoData.PARTNER);
        env.put("PARTNER_SECRET", DemoData.PARTNER_SECRET);
        env.put("API_KEY", apiKey);
        env.put("PRODUCT_ID", DemoData.PRODUCT_ID);
        env.put("PRODUCT_SLUG", DemoData.PRODUCT_SLUG);
        env.put("PRODUCT_NAME_RU", DemoData.PRODUCT_NAME_RU);
        env.put("PRODUCT_NAME_EN", DemoData.PRODUCT_NAME_EN);
        return env;
    }

    String baseUrl() {
        return values.get("BASE_URL");
    }

    /** Adds a value; refuses one that would break the one-line format. */
    DemoEnv put(String name, String value) {
        if (!name.matches("[A-Z][A-Z0-9_]*") || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("not a demo.env line: " + name);
        }
        values.put(name, value);
        return this;
    }

    String text() {
        StringBuilder text = new StringBuilder()
                .append("# run-local's demo values for scripts/smoke.sh (demo secrets only; rewritten on every\n")
                .append("# start, removed when run-local stops).\n")
                .append("# Usage: scripts/smoke.sh [--flows] \"$BASE_URL\" target/local/demo.env\n");
        values.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString();
    }

    /**
     * Writes the file with mode 0600 from its first byte: a temporary file created with that mode in the same
     * directory, then moved over the old one, so no reader ever sees it half written or with wider permissions.
     */
    void writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path next = Files.createTempFile(file.getParent(), "demo-", ".env",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(next, text(), StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(next);
        }
    }
}
