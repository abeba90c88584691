package cc.marix.reseller.admin;

import java.util.List;

import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;

/** A signing secret must be long enough to resist guessing and plain enough to paste into a partner's config. */
final class SecretRules {

    private SecretRules() {
    }

    static void check(String secret, JsonFields fields, Object... loc) {
        boolean printable = secret.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (secret.length() < AdminInput.MIN_SECRET || secret.length() > AdminInput.MAX_SECRET || !printable) {
            fields.add(new Violation(List.of(loc),
                    "A secret is " + AdminInput.MIN_SECRET + " to " + AdminInput.MAX_SECRET
                            + " printable ASCII characters without spaces",
                    "secret_too_weak"));
        }
    }
}
