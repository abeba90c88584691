package cc.marix.reseller.lambda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Through the Function URL front (each request a payload 2.0 event into the handler): a known path with another
 * method answers 405 with {@code Allow} in the error shape, before any key, signature or body is looked at; an
 * unknown path stays 404. HEAD and OPTIONS are methods like any other (functions.md, "Methods and paths").
 */
@QuarkusTest
class MethodNotAllowedTest {

    @BeforeEach
    void front() {
        TestStack.useHttpFront();
    }

    @ParameterizedTest(name = "{0} {1} -> Allow: {2}")
    @CsvSource(delimiter = '|', value = {
        "DELETE | /api/orders/                            | GET, POST",
        "PUT    | /api/orders                             | GET, POST",
        "GET    | /api/orders/019d0000-0000-7000-8000-000000000001/pay | POST",
        "PATCH  | /api/orders/019d0000-0000-7000-8000-000000000001 | GET",
        "POST   | /api/products/search                    | GET",
        "POST   | /api/products/demo-game-key             | GET",
        "DELETE | /api/access/me/balances/                | GET",
        "PUT    | /api/topups/fiat/                       | GET, POST",
        "GET    | /api/orders/webhooks/demo/notification  | POST",
        "GET    | /callbacks/tribute                      | POST",
        "PUT    | /callbacks/exchanger/019d0000-0000-7000-8000-000000000002 | POST",
        "DELETE | /callbacks/merchant                     | POST",
        "OPTIONS | /api/categories/                       | GET",
        "OPTIONS | /api/orders/webhooks/demo/notification | POST",
    })
    void knownPath_shouldAnswer405WithAllow_inTheErrorShape(String method, String path, String allow) {
        given().header("Authorization", "Bearer not-even-a-key").contentType(ContentType.JSON).body("{")
                .when().request(method, path)
                .then().statusCode(405)
                .header("Allow", equalTo(allow))
                .contentType(ContentType.JSON)
                .body("error", equalTo("method_not_allowed"))
                .body("message", containsString(allow))
                .body("detail", equalTo("this route answers " + allow + " only"));
    }

    @Test
    void head_shouldAnswer405WithAllow_andNoBody() {
        Response head = given().when().head("/api/products/").then().extract().response();

        assertEquals(405, head.statusCode());
        assertEquals("GET", head.header("Allow"));
        assertTrue(head.asByteArray().length == 0, head.asString());
    }

    @Test
    void everyRoute_shouldAnswer405ToAMethodNoRouteHas_listingItsOwnMethod() {
        for (FunctionSpec spec : Functions.DEPLOYED) {
            for (Route route : spec.routes()) {
                String path = route.path().replaceAll("\\{[^}]+}", "019d0000-0000-7000-8000-000000000003");
                String allow = given().when().request("PATCH", path).then().statusCode(405)
                        .body("error", equalTo("method_not_allowed")).extract().header("Allow");
                assertTrue(Set.of(allow.split(", ")).contains(route.method()), route + ": " + allow);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET    | /api/nope",
        "DELETE | /api/nope",
        "OPTIONS | /api/nope",
        "GET    | /api/orders/019d0000-0000-7000-8000-000000000001/pay/more",
        "POST   | /callbacks/unknown-provider",
    })
    void unknownPath_shouldStay404_whateverTheMethod(String method, String path) {
        Response answer = given().when().request(method, path).then().statusCode(404)
                .body("error", equalTo("not_found")).extract().response();

        assertFalse(answer.headers().hasHeaderWithName("Allow"), answer.headers().toString());
    }

    @Test
    void servedMethod_shouldStillReachItsRoute() {
        given().when().get("/api/categories/")
                .then().statusCode(401)
                .header("Allow", emptyOrNullString());
    }
}
