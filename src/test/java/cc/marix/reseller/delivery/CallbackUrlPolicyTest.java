package cc.marix.reseller.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlPolicyTest {

    /** A resolver that knows a few names; everything else does not resolve. Literal addresses parse as usual. */
    private static final HostResolver FAKE_DNS = host -> {
        Map<String, String> names = Map.of(
                "partner.example.com", "93.184.216.34",
                "rebind.example.com", "127.0.0.1",
                "internal.example.com", "10.1.2.3",
                "mixed.example.com", "93.184.216.34,192.168.0.10",
                "metadata.example.com", "169.254.169.254");
        String answer = names.get(host);
        if (answer != null) {
            List<InetAddress> addresses = new java.util.ArrayList<>();
            for (String ip : answer.split(",")) {
                addresses.add(InetAddress.getByName(ip));
            }
            return addresses;
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return List.of(InetAddress.getByName(host));
        }
        throw new UnknownHostException(host);
    };

    private final CallbackUrlPolicy policy = new CallbackUrlPolicy(FAKE_DNS, false);

    @Test
    void check_shouldAcceptPublicHttps() throws Exception {
        assertEquals("partner.example.com",
                policy.check("https://partner.example.com/orders/PARTNER-1/callback?x=1").getHost());
        assertEquals("93.184.216.34", policy.check("https://93.184.216.34:8443/cb").getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://partner.example.com/cb",
            "ftp://partner.example.com/cb",
            "https://user:pass@partner.example.com/cb",
            "https://partner.example.com/cb#fragment",
            "/relative/cb",
            "https:///no-host",
            "not a url",
            "" })
    void check_shouldRefuseUrlsThatAreNotPlainHttps(String url) {
        assertThrows(CallbackUrlRefused.class, () -> policy.check(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/cb",
            "https://127.8.9.10/cb",
            "https://[::1]/cb",
            "https://localhost.invalid/cb",
            "https://10.0.0.1/cb",
            "https://172.16.5.4/cb",
            "https://172.31.255.255/cb",
            "https://192.168.1.1/cb",
            "https://[fc00::1]/cb",
            "https://[fd12:3456::1]/cb",
            "https://169.254.169.254/latest/meta-data/",
            "https://[fe80::1]/cb",
            "https://0.0.0.0/cb",
            "https://[::]/cb",
            "https://[::ffff:127.0.0.1]/cb",
            "https://[::ffff:169.254.169.254]/cb",
            "https://[64:ff9b::a9fe:a9fe]/cb",
            "https://100.64.0.1/cb",
            "https://rebind.example.com/cb",
            "https://internal.example.com/cb",
            "https://mixed.example.com/cb",
            "https://metadata.example.com/cb" })
    void check_shouldRefuseEveryNonPublicAddress(String url) {
        assertThrows(CallbackUrlRefused.class, () -> policy.check(url));
    }

    @Test
    void check_shouldRefuseTheMetadataServiceOverPlainHttp() {
        CallbackUrlRefused refused = assertThrows(CallbackUrlRefused.class,
                () -> policy.check("http://169.254.169.254/latest/meta-data/"));
        assertTrue(refused.getMessage().contains("https"));
    }

    @Test
    void check_shouldRefuseAHostnameResolvingToLoopback_withTheSystemResolver() {
        CallbackUrlPolicy real = new CallbackUrlPolicy(HostResolver.SYSTEM, false);
        CallbackUrlRefused refused = assertThrows(CallbackUrlRefused.class,
                () -> real.check("https://localhost/cb"));
        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
    }

    @Test
    void check_shouldAllowLoopbackHttp_onlyWhenLocalRunsAskForIt() throws Exception {
        CallbackUrlPolicy local = new CallbackUrlPolicy(FAKE_DNS, true);
        assertEquals(18080, local.check("http://127.0.0.1:18080/cb").getPort());
        assertThrows(CallbackUrlRefused.class, () -> local.check("http://10.0.0.1/cb"));
        assertThrows(CallbackUrlRefused.class, () -> local.check("http://partner.example.com/cb"));
        assertThrows(CallbackUrlRefused.class, () -> policy.check("http://127.0.0.1:18080/cb"));
    }
}
