package cc.marix.reseller.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where we may POST a partner's callback. The URL comes from a signed notification, but a partner's bug or a stolen
 * secret must not turn our functions into a proxy into AWS's private networks or the metadata service (SSRF). So:
 * https only, no user info, and every address the host resolves to must be public. The check runs at acceptance
 * and again right before each send, because DNS answers can change in between.
 */
public final class CallbackUrlPolicy {

    public static final int MAX_LENGTH = 2048;

    private final HostResolver resolver;
    private final boolean allowLoopbackHttp;

    /**
     * @param allowLoopbackHttp lets local runs call back to a sink on this machine over http; never set in AWS
     */
    public CallbackUrlPolicy(HostResolver resolver, boolean allowLoopbackHttp) {
        this.resolver = resolver;
        this.allowLoopbackHttp = allowLoopbackHttp;
    }

    /** The URL, if we may call it now; the reason otherwise. */
    public URI check(String url) throws CallbackUrlRefused {
        URI uri = parse(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        List<InetAddress> addresses = resolve(uri.getHost());
        boolean loopbackOnly = addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        if (allowLoopbackHttp && loopbackOnly && (scheme.equals("http") || scheme.equals("https"))) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw new CallbackUrlRefused("callbackUrl must use https");
        }
        for (InetAddress address : addresses) {
            String why = forbidden(address);
            if (why != null) {
                throw new CallbackUrlRefused("callbackUrl host resolves to a " + why + " address");
            }
        }
        return uri;
    }

    private static URI parse(String url) throws CallbackUrlRefused {
        if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
            throw new CallbackUrlRefused("callbackUrl must be an absolute https URL of at most " + MAX_LENGTH
                    + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new CallbackUrlRefused("callbackUrl is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new CallbackUrlRefused("callbackUrl must be an absolute URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new CallbackUrlRefused("callbackUrl must not carry user info");
        }
        if (uri.getRawFragment() != null) {
            throw new CallbackUrlRefused("callbackUrl must not carry a fragment");
        }
        return uri;
    }

    private List<InetAddress> resolve(String host) throws CallbackUrlRefused {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            List<InetAddress> addresses = resolver.resolve(bare);
            if (addresses.isEmpty()) {
                throw new CallbackUrlRefused("callbackUrl host does not resolve", true);
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new CallbackUrlRefused("callbackUrl host does not resolve", true);
        }
    }

    /** Why the address is not public, or null when it is. */
    static String forbidden(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return forbiddenV4(bytes);
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return "private";
            }
            byte[] embedded = embeddedV4(bytes);
            if (embedded != null) {
                try {
                    return forbidden(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException impossible) {
                    return "malformed";
                }
            }
        }
        return null;
    }

    private static String forbiddenV4(byte[] ip) {
        int first = ip[0] & 0xff;
        int second = ip[1] & 0xff;
        if (first == 0) {
            return "unspecified";
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return "shared (carrier-grade NAT)";
        }
        if (first == 198 && (second == 18 || second == 19)) {
            return "benchmarking";
        }
        int third = ip[2] & 0xff;
        if (first == 192 && second == 0 && (third == 0 || third == 2)) {
            return "reserved";
        }
        if ((first == 198 && second == 51 && third == 100) || (first == 203 && second == 0 && third == 113)) {
            return "documentation";
        }
        if (first >= 240) {
            return "reserved";
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static byte[] embeddedV4(byte[] ip) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= ip[i] == 0;
        }
        boolean mapped = zeroPrefix && (ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && ip[10] == 0 && ip[11] == 0;
        boolean nat64 = (ip[0] & 0xff) == 0x00 && (ip[1] & 0xff) == 0x64 && (ip[2] & 0xff) == 0xff
                && (ip[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = ip[i] == 0;
        }
        if ((ip[0] & 0xff) == 0x20 && (ip[1] & 0xff) == 0x02) {
            // 6to4 (2002::/16) carries its IPv4 address in bytes 2 to 5
            return new byte[] { ip[2], ip[3], ip[4], ip[5] };
        }
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        return new byte[] { ip[12], ip[13], ip[14], ip[15] };
    }
}
