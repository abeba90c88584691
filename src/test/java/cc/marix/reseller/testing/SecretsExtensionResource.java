package cc.marix.reseller.testing;

import java.util.Map;

import cc.marix.reseller.local.SecretsExtensionStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The secrets extension's stand-in on 127.0.0.1 and a free port, holding the demo credentials: the functions under
 * test read their provider and SMTP credentials through the same code path as in AWS.
 */
public class SecretsExtensionResource implements QuarkusTestResourceLifecycleManager {

    public static final String SESSION_TOKEN = "test-session-token";
    private static volatile SecretsExtensionStandIn standIn;

    @Override
    public Map<String, String> start() {
        standIn = SecretsExtensionStandIn.start(0, SESSION_TOKEN);
        return Map.of("app.secrets.port", Integer.toString(standIn.port()),
                "app.secrets.session-token", SESSION_TOKEN,
                "app.secrets.tribute", SecretsExtensionStandIn.TRIBUTE,
                "app.secrets.exchanger", SecretsExtensionStandIn.EXCHANGER,
                "app.secrets.merchant", SecretsExtensionStandIn.MERCHANT,
                "app.secrets.smtp", SecretsExtensionStandIn.SMTP);
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }

    public static SecretsExtensionStandIn standIn() {
        return standIn;
    }
}
