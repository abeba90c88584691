package cc.marix.reseller.lambda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Deployed as the partner webhook, the artifact answers its one route (405 to another method); admin events and other
 * paths get 404.
 */
@QuarkusTest
@TestProfile(PartnerWebhookIsolationTest.AsPartnerWebhook.class)
class PartnerWebhookIsolationTest {

    public static class AsPartnerWebhook implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.function", Functions.PARTNER_WEBHOOK);
        }
    }

    @Test
    void adminEvents_shouldNotReachAdminCode() {
        String answer = TestStack.invoke("{\"action\":\"createPartner\",\"slug\":\"intruder\","
                + "\"secrets\":[\"intruder-secret-0123456789abcdef\"]}");
        assertEquals("unsupported_event", Json.parse(answer).path("error").asText());
    }

    @Test
    void otherPaths_shouldAnswer404_itsPathWithAnotherMethod405_andItsOwnRouteShouldBeServed() {
        TestStack.useHttpFront();
        given().when().get("/api/orders/webhooks/demo/notification").then().statusCode(405)
                .header("Allow", equalTo("POST")).body("error", equalTo("method_not_allowed"));
        // another function's path, even one the HTTP API has: this Function URL does not serve it
        given().when().delete("/api/orders/").then().statusCode(404).body("error", equalTo("not_found"));
        given().when().get("/q/health").then().statusCode(404);
        given().contentType("application/json").body("{}").header("X-Signature", "0".repeat(64))
                .when().post("/api/orders/webhooks/nobody/notification")
                .then().statusCode(401).body("error", equalTo("signature_mismatch"));
    }
}
