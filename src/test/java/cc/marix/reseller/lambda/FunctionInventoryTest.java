package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** template.yaml, functions.md, the events folder and the code must name the same functions, routes and table. */
class FunctionInventoryTest {

    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final Path FUNCTIONS_MD = Path.of("functions.md");
    private static final Path EVENTS = Path.of("src/test/resources/events");
    private static final String ANY = "ANY";

    @Test
    void template_shouldDeclareExactlyTheFunctionsOfTheCode_withTheirRoutes() throws IOException {
        Map<String, Set<String>> declared = new TreeMap<>();
        for (Map<String, Object> function : templateFunctions()) {
            declared.put(appFunction(function), templateRoutes(function));
        }
        assertEquals(codeRoutes(), declared);
    }

    @Test
    void httpFunctions_shouldHaveAFunctionUrlOrAnApiRoute_andEventFunctionsNeither() throws IOException {
        for (Map<String, Object> function : templateFunctions()) {
            FunctionSpec spec = Functions.byName(appFunction(function)).orElseThrow();
            Map<String, Object> properties = map(function.get("Properties"));
            boolean reachable = properties.containsKey("FunctionUrlConfig") || !templateRoutes(function).isEmpty();
            assertEquals(spec.kind() == FunctionKind.HTTP, reachable, spec.name());
        }
    }

    /**
     * Without an ANY route the HTTP API itself answers another method of a known path 404 {"message":"Not Found"};
     * with one, the function gets it and answers 405 with Allow, as Function URLs and run-local do.
     */
    @Test
    void everyApiPath_shouldHaveOneAnyRoute_toAFunctionServingThatPath() throws IOException {
        Map<String, String> anyRoutes = new TreeMap<>();
        Set<String> apiPaths = new TreeSet<>();
        for (Map<String, Object> function : templateFunctions()) {
            String name = appFunction(function);
            Map<String, Object> events = map(map(function.get("Properties")).getOrDefault("Events", Map.of()));
            for (Object event : events.values()) {
                if (!"HttpApi".equals(map(event).get("Type"))) {
                    continue;
                }
                Map<String, Object> api = map(map(event).get("Properties"));
                String path = string(api.get("Path"));
                if (ANY.equals(string(api.get("Method")).toUpperCase(Locale.ROOT))) {
                    assertEquals(null, anyRoutes.put(path, name), "a second ANY route for " + path);
                    assertTrue(!Functions.allowedMethods(name, path).isEmpty(), name + " serves nothing on " + path);
                } else {
                    apiPaths.add(path);
                }
            }
        }
        assertEquals(apiPaths, anyRoutes.keySet());
    }

    /**
     * openapi-document serves a constant: it has no policy of its own, only the basic execution role SAM gives every
     * function (its logs).
     */
    @Test
    void everyFunction_shouldHaveItsOwnLeastPrivilegePolicy() throws IOException {
        for (Map<String, Object> function : templateFunctions()) {
            Object policies = map(function.get("Properties")).get("Policies");
            if (Functions.OPENAPI_DOCUMENT.equals(appFunction(function))) {
                assertEquals(null, policies, "openapi-document needs no permission");
                continue;
            }
            assertTrue(policies instanceof List<?> list && !list.isEmpty(), appFunction(function));
            String text = policies.toString();
            assertTrue(!text.contains("dynamodb:*") && !text.contains("DynamoDBCrudPolicy")
                    && !text.contains("AmazonDynamoDBFullAccess"), appFunction(function) + ": " + text);
        }
    }

    @Test
    void functionsMd_shouldDocumentExactlyTheFunctionsOfTheCode_withTheirRoutes() throws IOException {
        Map<String, Set<String>> documented = new TreeMap<>();
        String current = null;
        for (String line : Files.readAllLines(FUNCTIONS_MD, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                // function sections are named by the function; other sections (Table layout, conventions) have spaces
                String heading = line.substring(3).trim();
                current = heading.contains(" ") ? null : heading;
                if (current != null) {
                    documented.put(current, new TreeSet<>());
                }
            } else if (current != null && line.startsWith("- Routes:")) {
                String routes = line.substring("- Routes:".length()).trim();
                if (!routes.startsWith("none")) {
                    for (String route : routes.split(",")) {
                        documented.get(current).add(route.trim().replace("`", ""));
                    }
                }
            }
        }
        assertEquals(codeRoutes(), documented);
    }

    @Test
    void eventsFolder_shouldHaveEventsForEveryFunction_andNoOther() throws IOException {
        try (Stream<Path> folders = Files.list(EVENTS)) {
            Set<String> withEvents = folders.filter(Files::isDirectory).map(path -> path.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(codeRoutes().keySet(), withEvents);
        }
    }

    @Test
    void template_shouldDeclareTheTableOfTableSchema() throws IOException {
        Map<String, Object> table = map(map(CloudFormationYaml.read(TEMPLATE).get("Resources")).get("Table"));
        Map<String, Object> properties = map(table.get("Properties"));
        CreateTableRequest code = TableSchema.createTable("t");

        Map<String, String> codeAttributes = new LinkedHashMap<>();
        for (AttributeDefinition definition : code.attributeDefinitions()) {
            codeAttributes.put(definition.attributeName(), definition.attributeTypeAsString());
        }
        Map<String, String> templateAttributes = new LinkedHashMap<>();
        for (Object definition : (List<?>) properties.get("AttributeDefinitions")) {
            templateAttributes.put(string(map(definition).get("AttributeName")),
                    string(map(definition).get("AttributeType")));
        }
        assertEquals(codeAttributes, templateAttributes);
        assertEquals(code.keySchema().stream().map(k -> List.of(k.attributeName(), k.keyTypeAsString())).toList(),
                keys(properties.get("KeySchema")));

        List<?> indexes = (List<?>) properties.get("GlobalSecondaryIndexes");
        assertEquals(code.globalSecondaryIndexes().size(), indexes.size());
        for (int i = 0; i < indexes.size(); i++) {
            var expected = code.globalSecondaryIndexes().get(i);
            Map<String, Object> index = map(indexes.get(i));
            assertEquals(expected.indexName(), index.get("IndexName"));
            assertEquals(expected.keySchema().stream().map(k -> List.of(k.attributeName(), k.keyTypeAsString()))
                    .toList(), keys(index.get("KeySchema")));
            assertEquals(expected.projection().projectionTypeAsString(),
                    map(index.get("Projection")).get("ProjectionType"));
        }
        assertEquals(TableSchema.STREAM_VIEW.toString(), map(properties.get("StreamSpecification")).get("StreamViewType"));
        assertEquals(TableSchema.TTL, map(properties.get("TimeToLiveSpecification")).get("AttributeName"));
        assertEquals(code.billingModeAsString(), properties.get("BillingMode"));
    }

    private static Map<String, Set<String>> codeRoutes() {
        Map<String, Set<String>> routes = new TreeMap<>();
        for (FunctionSpec spec : Functions.DEPLOYED) {
            routes.put(spec.name(), spec.routes().stream().map(route -> route.method() + " " + route.path())
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return routes;
    }

    private static List<Map<String, Object>> templateFunctions() throws IOException {
        List<Map<String, Object>> functions = new ArrayList<>();
        for (Object resource : map(CloudFormationYaml.read(TEMPLATE).get("Resources")).values()) {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                functions.add(map(resource));
            }
        }
        return functions;
    }

    private static String appFunction(Map<String, Object> function) {
        Map<String, Object> environment = map(map(function.get("Properties")).get("Environment"));
        return string(map(environment.get("Variables")).get("APP_FUNCTION"));
    }

    /**
     * Routes of HTTP API events (Type HttpApi, Method and Path) but the ANY ones, which only bring other methods to the
     * function for its 405; a Function URL passes every path to the code.
     */
    private static Set<String> templateRoutes(Map<String, Object> function) {
        Set<String> routes = new TreeSet<>();
        Map<String, Object> properties = map(function.get("Properties"));
        if (properties.containsKey("FunctionUrlConfig")) {
            routes.addAll(Functions.byName(appFunction(function)).map(spec -> spec.routes().stream()
                    .map(route -> route.method() + " " + route.path()).toList()).orElse(List.of()));
        }
        Map<String, Object> events = map(properties.getOrDefault("Events", Map.of()));
        for (Object event : events.values()) {
            if ("HttpApi".equals(map(event).get("Type"))) {
                Map<String, Object> api = map(map(event).get("Properties"));
                String method = string(api.get("Method")).toUpperCase(Locale.ROOT);
                if (!ANY.equals(method)) {
                    routes.add(method + " " + api.get("Path"));
                }
            }
        }
        return routes;
    }

    private static List<List<String>> keys(Object schema) {
        return ((List<?>) schema).stream()
                .map(key -> List.of(string(map(key).get("AttributeName")), string(map(key).get("KeyType"))))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
