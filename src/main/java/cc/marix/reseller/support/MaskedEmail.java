package cc.marix.reseller.support;

/**
 * The one way a customer's e-mail address appears in a log line: its first character and its domain,
 * {@code b***@example.com}, enough to tell two customers apart in a support case and not enough to write to either.
 */
public final class MaskedEmail {

    static final String MASK = "***";

    private MaskedEmail() {
    }

    public static String of(String address) {
        if (address == null) {
            return MASK;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            // not an address we can split: nothing of it is shown
            return MASK;
        }
        return address.charAt(0) + MASK + address.substring(at);
    }
}
