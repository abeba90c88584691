package cc.marix.reseller.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The payment providers as one real HTTP server (WireMock) on 127.0.0.1 and a free port, each under its own prefix
 * ({@code /tribute}, ...), so tests see the exact requests our clients send and choose the answers.
 */
public class ProvidersResource implements QuarkusTestResourceLifecycleManager {

    public static final String TRIBUTE = "/tribute";
    public static final String EXCHANGER = "/exchanger";
    public static final String MERCHANT = "/merchant";
    private static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        return Map.of("quarkus.rest-client.tribute.url", base + TRIBUTE,
                "quarkus.rest-client.exchanger.url", base + EXCHANGER,
                "quarkus.rest-client.merchant.url", base + MERCHANT);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The server, reset by each test that uses it. */
    public static WireMockServer server() {
        return server;
    }
}
