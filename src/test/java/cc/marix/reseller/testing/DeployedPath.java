package cc.marix.reseller.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test app without the test-only hooks on the request path ({@link CalledFor}'s two RESTEasy filters, which the
 * grants audit needs, and {@link EchoRoute}'s router filter): what a deployed function runs per request, for the
 * bench to time. Each hook is left out at build time when {@value #PROPERTY} is {@code true}, which this profile sets.
 */
public class DeployedPath implements QuarkusTestProfile {

    public static final String PROPERTY = "bench.deployed-path";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(PROPERTY, "true");
    }
}
