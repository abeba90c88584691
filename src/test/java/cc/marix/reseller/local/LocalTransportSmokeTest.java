package cc.marix.reseller.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The app is reachable through the loopback Lambda runtime: by HTTP (Function URL events) and by raw events. The
 * resources are declared as everywhere else in this module (global {@code @QuarkusTestResource}), so they are the same
 * instances every other test shares and the application is not restarted for this class.
 */
@QuarkusTest
@QuarkusTestResource(LoopbackDynamoDbResource.class)
@QuarkusTestResource(LocalLambdaRuntimeResource.class)
class LocalTransportSmokeTest {

    @Test
    void unknownRoute_shouldAnswer404Json_whenSentThroughHttpFront() {
        given().port(LocalLambdaRuntimeResource.httpPort())
                .when().get("/nope")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("not_found"));
    }

    @Test
    void restAssuredDefaultPort_shouldBeTheHttpFront() {
        given().when().get("/nope")
                .then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void rawEvent_shouldGetJsonAnswer_whenInvokedThroughRuntime() throws Exception {
        String answer = LocalLambdaRuntimeResource.runtime().invoke("{\"action\":\"nope\"}");

        JsonNode json = new ObjectMapper().readTree(answer);
        assertTrue(json.isObject(), answer);
        // The admin function answers an unknown action with the usual error object, as a normal (not failed) result.
        assertEquals("unknown_action", json.path("error").asText(), answer);
    }
}
