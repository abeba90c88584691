package cc.marix.reseller.admin;

import java.util.regex.Pattern;

/** Formats the admin actions accept. */
final class AdminInput {

    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    static final int MAX_SLUG = 100;
    static final int MIN_SECRET = 24;
    static final int MAX_SECRET = 256;

    private AdminInput() {
    }
}
