package cc.marix.reseller.api;

import java.util.regex.Pattern;

/** The WHATWG form of a valid e-mail address: what browsers accept in type=email fields. */
public final class EmailAddress {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]"
            + "(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private EmailAddress() {
    }
}
