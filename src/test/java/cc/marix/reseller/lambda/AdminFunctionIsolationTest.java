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

/** Deployed as the admin function, the artifact answers admin events and no HTTP route at all. */
@QuarkusTest
@TestProfile(AdminFunctionIsolationTest.AsAdmin.class)
class AdminFunctionIsolationTest {

    public static class AsAdmin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.function", Functions.ADMIN);
        }
    }

    @Test
    void httpRoutes_shouldAnswer404() {
        TestStack.useHttpFront();
        given().contentType("application/json").body("{}")
                .when().post("/api/orders/webhooks/demo/notification")
                .then().statusCode(404).body("error", equalTo("not_found"));
        given().when().post("/_events").then().statusCode(404);
    }

    @Test
    void nonObjectEvents_shouldAnswerMalformedEvent() {
        assertEquals("malformed_event", Json.parse(TestStack.invoke("[1,2]")).path("error").asText());
        assertEquals("unknown_action", Json.parse(TestStack.invoke("{\"x\":1}")).path("error").asText());
    }
}
