package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.OpenApiContract;

/**
 * The OpenAPI document (src/main/resources/openapi/openapi.json) in step with the code: exactly the public API's
 * routes (template.yaml's HTTP API routes, {@link Functions}), each operation naming the function that serves it,
 * every status functions.md lists for that function documented, every reference resolving and every example valid
 * against its schema. {@code api.OpenApiContractTest} checks the answers themselves.
 */
class OpenApiDocumentTest {

    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final Path FUNCTIONS_MD = Path.of("functions.md");
    private static final Path BUILT = Path.of("target/openapi.json");
    private static final Pattern STATUS = Pattern.compile("(?:^|·)\\s*([1-5]\\d\\d)\\b");
    private static final Pattern REF = Pattern.compile("\"\\$ref\"\\s*:\\s*\"([^\"]+)\"");

    private final OpenApiContract contract = OpenApiContract.fromSource();

    @Test
    void document_shouldBeOpenApi31_withTheApiKeyAsItsSecurityScheme() {
        JsonNode document = contract.document();
        assertEquals("3.1.0", document.path("openapi").asText());
        JsonNode scheme = document.at("/components/securitySchemes/apiKey");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        assertEquals("apiKey", document.at("/security/0").fieldNames().next());
    }

    @Test
    void operations_shouldBeExactlyTheHttpApiRoutes() throws IOException {
        Set<String> documented = new TreeSet<>();
        contract.operations().forEach(operation -> documented.add(operation.key()));
        assertEquals(httpApiRoutes(), documented);
    }

    @Test
    void everyOperation_shouldNameTheFunctionThatServesIt() {
        for (OpenApiContract.Operation operation : contract.operations()) {
            String samplePath = operation.path().replaceAll("\\{[^}]+}", "x");
            assertEquals(Functions.ownerName(operation.method(), samplePath).orElse("none"),
                    operation.node().path("x-function").asText(), operation.key());
        }
    }

    @Test
    void everyStatusFunctionsMdLists_shouldBeDocumented() throws IOException {
        Map<String, Set<String>> listed = functionsMdStatuses();
        List<String> missing = new ArrayList<>();
        for (OpenApiContract.Operation operation : contract.operations()) {
            String function = operation.node().path("x-function").asText();
            assertTrue(listed.containsKey(function), function + " has no Responses line in functions.md");
            Set<String> undocumented = new TreeSet<>(listed.get(function));
            undocumented.removeAll(contract.documentedStatuses(operation));
            if (!undocumented.isEmpty()) {
                missing.add(operation.key() + " (" + function + "): " + undocumented);
            }
        }
        assertEquals(List.of(), missing);
    }

    /** The error statuses every route can answer whatever it does: before routing, and the server's own. */
    @Test
    void everyOperation_shouldDocumentTheStatusesEveryRouteCanAnswer() {
        for (OpenApiContract.Operation operation : contract.operations()) {
            Set<String> statuses = contract.documentedStatuses(operation);
            assertTrue(statuses.containsAll(Set.of("400", "405", "413", "422", "500")),
                    operation.key() + ": " + statuses);
            boolean secured = !operation.node().has("security");
            if (secured) {
                assertTrue(statuses.containsAll(Set.of("401", "403", "503")), operation.key() + ": " + statuses);
            }
            assertTrue(statuses.stream().anyMatch(status -> status.startsWith("2")), operation.key());
        }
    }

    @Test
    void everyReference_shouldResolve() throws IOException {
        String text = Files.readString(OpenApiContract.SOURCE, StandardCharsets.UTF_8);
        Matcher ref = REF.matcher(text);
        List<String> dangling = new ArrayList<>();
        while (ref.find()) {
            if (contract.document().at(ref.group(1).substring(1)).isMissingNode()) {
                dangling.add(ref.group(1));
            }
        }
        assertEquals(List.of(), dangling);
    }

    @Test
    void everyExample_shouldMatchItsSchema() {
        List<String> problems = new ArrayList<>();
        int checked = examples(contract.document(), "", problems);
        assertEquals(List.of(), problems);
        assertTrue(checked > 40, "only " + checked + " examples checked");
    }

    @Test
    void builtDocument_shouldBeTheSource() throws IOException {
        assertTrue(Files.isRegularFile(BUILT), BUILT + " is written by the build (process-resources)");
        assertEquals(Files.readString(OpenApiContract.SOURCE), Files.readString(BUILT));
    }

    /**
     * Walks the document: every object with {@code schema} and {@code example} (media types, parameters, headers)
     * and every schema's {@code examples} is validated; answers how many were.
     */
    private int examples(JsonNode node, String at, List<String> problems) {
        int checked = 0;
        if (node.isObject()) {
            if (node.has("schema") && node.has("example")) {
                checked++;
                contract.validate(node.get("schema"), node.get("example"))
                        .forEach(problem -> problems.add(at + "/example: " + problem));
            }
            if (node.has("type") && node.path("examples").isArray()) {
                for (JsonNode example : node.get("examples")) {
                    checked++;
                    contract.validate(node, example).forEach(problem -> problems.add(at + "/examples: " + problem));
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                checked += examples(field.getValue(), at + "/" + field.getKey(), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checked += examples(node.get(i), at + "/" + i, problems);
            }
        }
        return checked;
    }

    /** template.yaml's HTTP API routes (the ANY routes only bring other methods for a 405). */
    @SuppressWarnings("unchecked")
    private static Set<String> httpApiRoutes() throws IOException {
        Set<String> routes = new TreeSet<>();
        Map<String, Object> resources = (Map<String, Object>) CloudFormationYaml.read(TEMPLATE).get("Resources");
        for (Object resource : resources.values()) {
            Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
            Object events = properties == null ? null : properties.get("Events");
            if (!(events instanceof Map<?, ?> byName)) {
                continue;
            }
            for (Object event : byName.values()) {
                Map<String, Object> definition = (Map<String, Object>) event;
                if (!"HttpApi".equals(definition.get("Type"))) {
                    continue;
                }
                Map<String, Object> api = (Map<String, Object>) definition.get("Properties");
                String method = api.get("Method").toString().toUpperCase(Locale.ROOT);
                if (!"ANY".equals(method)) {
                    routes.add(method + " " + api.get("Path"));
                }
            }
        }
        return routes;
    }

    /** Each function section's statuses from its "- Responses:" item (continuation lines included). */
    private static Map<String, Set<String>> functionsMdStatuses() throws IOException {
        Map<String, Set<String>> statuses = new TreeMap<>();
        String function = null;
        boolean inResponses = false;
        for (String line : Files.readAllLines(FUNCTIONS_MD, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                String heading = line.substring(3).trim();
                function = heading.contains(" ") ? null : heading;
                inResponses = false;
                continue;
            }
            if (function == null) {
                continue;
            }
            if (line.startsWith("- ")) {
                inResponses = line.startsWith("- Responses:");
            }
            if (inResponses) {
                String text = line.startsWith("- Responses:") ? line.substring("- Responses:".length()) : line;
                Matcher status = STATUS.matcher(text);
                Set<String> found = statuses.computeIfAbsent(function, name -> new TreeSet<>());
                while (status.find()) {
                    found.add(status.group(1));
                }
            }
        }
        return statuses;
    }
}
