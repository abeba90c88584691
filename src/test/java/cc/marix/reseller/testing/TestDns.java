package cc.marix.reseller.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.delivery.CallbackUrlPolicy;
import cc.marix.reseller.delivery.HostResolver;

/**
 * Names tests can point anywhere, to show that a callback host whose DNS answer changes after acceptance is checked
 * again before the send. Every other name resolves as usual. Replaces the application's policy in tests.
 */
@Singleton
public class TestDns {

    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    public static void point(String host, String address) {
        NAMES.put(host, address);
    }

    /** Makes the name stop resolving, as when its DNS is briefly broken. */
    public static void forget(String host) {
        NAMES.put(host, "");
    }

    @Produces
    @Singleton
    CallbackUrlPolicy policy(AppConfig config) {
        HostResolver resolver = host -> {
            String address = NAMES.get(host);
            if (address != null && address.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return address == null ? HostResolver.SYSTEM.resolve(host) : List.of(InetAddress.getByName(address));
        };
        return new CallbackUrlPolicy(resolver, config.delivery().allowLoopbackHttp());
    }

}
