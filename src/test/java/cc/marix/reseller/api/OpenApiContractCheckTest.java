package cc.marix.reseller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.OpenApiContract;

/**
 * The judge {@link OpenApiContractTest} relies on can fail: answers that break the document in one way each are
 * refused, naming why; the document's own example of the same answer passes.
 */
class OpenApiContractCheckTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.fromSource();
    private static final String ORDER = "/api/orders/019ad428-e9cd-7982-a6fa-0ec0eebce25d";

    @Test
    void documentedExample_shouldPass() {
        assertEquals(List.of(), CONTRACT.check("GET", ORDER, 200, Map.of(), Json.write(orderExample())));
    }

    @Test
    void missingRequiredField_shouldFail() {
        ObjectNode order = orderExample();
        order.remove("cancelReason");
        assertProblem(CONTRACT.check("GET", ORDER, 200, Map.of(), Json.write(order)), "cancelReason");
    }

    @Test
    void fieldTheDocumentDoesNotHave_shouldFail() {
        ObjectNode order = orderExample();
        order.put("internalNote", "x");
        assertProblem(CONTRACT.check("GET", ORDER, 200, Map.of(), Json.write(order)), "internalNote");
    }

    @Test
    void moneyAsANumber_shouldFail() {
        ObjectNode order = orderExample();
        order.put("price", 4990.0);
        assertProblem(CONTRACT.check("GET", ORDER, 200, Map.of(), Json.write(order)), "price");
    }

    @Test
    void nestedItemOfTheWrongShape_shouldFail() {
        ObjectNode order = orderExample();
        ((ObjectNode) order.get("items").get(0)).put("quantity", "one");
        assertProblem(CONTRACT.check("GET", ORDER, 200, Map.of(), Json.write(order)), "quantity");
    }

    @Test
    void undocumentedStatus_shouldFail() {
        assertProblem(CONTRACT.check("GET", ORDER, 418, Map.of(), "{}"), "status not documented");
    }

    @Test
    void errorWithoutItsCode_shouldFail() {
        assertProblem(CONTRACT.check("GET", ORDER, 404, Map.of(), "{\"message\":\"no\",\"detail\":\"no\"}"), "error");
    }

    @Test
    void validationErrorWithAStringDetail_shouldFail() {
        assertProblem(CONTRACT.check("GET", ORDER, 422, Map.of(),
                "{\"error\":\"validation_error\",\"message\":\"bad\",\"detail\":\"bad\"}"), "detail");
    }

    @Test
    void methodNotAllowedWithoutAllow_shouldFail() {
        String body = "{\"error\":\"method_not_allowed\",\"message\":\"GET only\",\"detail\":\"GET only\"}";
        assertEquals(List.of(), CONTRACT.check("PUT", ORDER, 405, Map.of("allow", "GET"), body));
        assertProblem(CONTRACT.check("PUT", ORDER, 405, Map.of(), body), "Allow");
    }

    @Test
    void unavailableWithoutRetryAfter_shouldFail() {
        assertProblem(CONTRACT.check("GET", ORDER, 503, Map.of(),
                "{\"error\":\"throttled\",\"message\":\"busy\",\"detail\":\"busy\"}"), "Retry-After");
    }

    @Test
    void bodyOnANoContentAnswer_shouldFail() {
        String endpoint = "/api/webhook-endpoints/019ad428-e9cd-7982-a6fa-0ec0eebce25d";
        assertEquals(List.of(), CONTRACT.check("DELETE", endpoint, 204, Map.of(), ""));
        assertProblem(CONTRACT.check("DELETE", endpoint, 204, Map.of(), "{}"), "without a body");
    }

    @Test
    void undocumentedRoute_shouldFail() {
        assertProblem(CONTRACT.check("GET", "/api/nothing-here", 404, Map.of(), "{}"), "no documented operation");
    }

    private static ObjectNode orderExample() {
        JsonNode example = CONTRACT.document().at("/paths/~1api~1orders~1{order_id}/get/responses/200/content")
                .path("application/json").path("example");
        assertTrue(example.isObject(), "the document has an example order");
        return (ObjectNode) example.deepCopy();
    }

    private static void assertProblem(List<String> problems, String naming) {
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(naming)),
                "expected a problem naming " + naming + ", got " + problems);
    }
}
