package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The public entry points are bounded by template parameters with defaults: reserved concurrency on the partner
 * webhook and every provider callback (a flood takes its own pool, not the account's), throttling on the API stage.
 */
class TemplateLimitsTest {

    private static final List<String> PUBLIC_CALLBACKS = List.of(Functions.PARTNER_WEBHOOK,
            Functions.TRIBUTE_WEBHOOK, Functions.EXCHANGER_IPN, Functions.MERCHANT_CALLBACK);

    @Test
    void publicCallbacks_shouldReserveConcurrency_fromANumberParameterWithADefault() throws IOException {
        Map<String, Object> template = CloudFormationYaml.read(Path.of("template.yaml"));
        Map<String, Object> resources = map(template.get("Resources"));
        for (String function : PUBLIC_CALLBACKS) {
            Map<String, Object> properties = resources.values().stream().map(TemplateLimitsTest::map)
                    .map(resource -> map(resource.get("Properties")))
                    .filter(candidate -> candidate.get("Environment") != null && function.equals(
                            map(map(candidate.get("Environment")).get("Variables")).get("APP_FUNCTION")))
                    .findFirst().orElseThrow();
            assertNumberParameter(template, properties.get("ReservedConcurrentExecutions"), function);
        }
    }

    @Test
    void apiStage_shouldThrottleEveryRoute_fromNumberParametersWithDefaults() throws IOException {
        Map<String, Object> template = CloudFormationYaml.read(Path.of("template.yaml"));
        Map<String, Object> api = map(map(map(template.get("Resources")).get("Api")).get("Properties"));
        Map<String, Object> routes = map(api.get("DefaultRouteSettings"));
        assertNumberParameter(template, routes.get("ThrottlingBurstLimit"), "burst");
        assertNumberParameter(template, routes.get("ThrottlingRateLimit"), "rate");
    }

    private static void assertNumberParameter(Map<String, Object> template, Object reference, String what) {
        assertNotNull(reference, what);
        Map<String, Object> parameters = map(template.get("Parameters"));
        assertTrue(parameters.containsKey(reference.toString()), what + ": " + reference + " is not a parameter");
        Map<String, Object> parameter = map(parameters.get(reference.toString()));
        assertEquals("Number", parameter.get("Type"), what);
        assertTrue(parameter.get("Default") instanceof Integer value && value > 0, what + ": " + parameter);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
