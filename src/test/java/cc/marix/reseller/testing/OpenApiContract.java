package cc.marix.reseller.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import cc.marix.reseller.lambda.Route;

/**
 * The public API's OpenAPI document as a judge of answers: whether an answer's status is documented for its route,
 * its body matches the documented schema (JSON Schema draft 2020-12, OpenAPI 3.1's dialect, by networknt's
 * validator) and the headers the document requires are there. Each check returns its problems, empty when the
 * answer is as documented.
 */
public final class OpenApiContract {

    public static final Path SOURCE = Path.of("src/main/resources/openapi/openapi.json");
    private static final String JSON = "application/json";
    private static final String REF = "$ref";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /** One documented operation: its method (upper case), path template and the operation object. */
    public record Operation(String method, String path, JsonNode node) {

        public String key() {
            return method + " " + path;
        }
    }

    private final JsonNode document;
    // "components" sits next to each compiled schema (see compile): a place for references, not a keyword
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .keyword(new NonValidationKeyword("components")).build()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .build();
    private final Map<JsonNode, JsonSchema> compiled = new IdentityHashMap<>();

    public OpenApiContract(JsonNode document) {
        this.document = document;
    }

    public static OpenApiContract fromSource() {
        try {
            return new OpenApiContract(Json.parse(Files.readString(SOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(),
                            path.getValue().get(method)));
                }
            }
        }
        return operations;
    }

    /** The documented operations of the most specific path template the request path fits, as the API routes. */
    public List<Operation> operationsOfPath(String requestPath) {
        int best = -1;
        List<Operation> found = new ArrayList<>();
        for (Operation operation : operations()) {
            Route route = new Route(operation.method(), operation.path());
            if (!route.matchesPath(requestPath) || route.literalSegments() < best) {
                continue;
            }
            if (route.literalSegments() > best) {
                found.clear();
                best = route.literalSegments();
            }
            found.add(operation);
        }
        return found;
    }

    /** The operation that documents this answer: the request's own, or, for a 405, any of the path's. */
    public Optional<Operation> operationFor(String method, String requestPath, int status) {
        List<Operation> ofPath = operationsOfPath(requestPath);
        Optional<Operation> own = ofPath.stream().filter(op -> op.method().equalsIgnoreCase(method)).findFirst();
        return own.isPresent() || status != 405 ? own : ofPath.stream().findFirst();
    }

    /** Problems with an answer to {@code method requestPath}; headers by lower-case name; body as sent. */
    public List<String> check(String method, String requestPath, int status, Map<String, String> headers,
            String body) {
        String answer = method + " " + requestPath + " -> " + status;
        Optional<Operation> operation = operationFor(method, requestPath, status);
        if (operation.isEmpty()) {
            return List.of(answer + ": no documented operation");
        }
        JsonNode response = resolve(operation.get().node().path("responses").path(String.valueOf(status)));
        if (response.isMissingNode()) {
            return List.of(answer + ": status not documented for " + operation.get().key() + " (documented: "
                    + documentedStatuses(operation.get()) + ")");
        }
        List<String> problems = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> documentedHeaders = response.path("headers").fields();
        while (documentedHeaders.hasNext()) {
            Map.Entry<String, JsonNode> header = documentedHeaders.next();
            if (resolve(header.getValue()).path("required").asBoolean()
                    && !headers.containsKey(header.getKey().toLowerCase(Locale.ROOT))) {
                problems.add(answer + ": header " + header.getKey() + " is required but missing");
            }
        }
        JsonNode schema = response.path("content").path(JSON).path("schema");
        if (schema.isMissingNode()) {
            if (body != null && !body.isEmpty()) {
                problems.add(answer + ": documented without a body, answered " + body);
            }
            return problems;
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(body);
        } catch (RuntimeException e) {
            problems.add(answer + ": body is not JSON: " + body);
            return problems;
        }
        validate(schema, parsed).forEach(problem -> problems.add(answer + ": " + problem));
        return problems;
    }

    /** Problems of {@code value} against a schema of the document (its {@code $ref}s resolve in the document). */
    public List<String> validate(JsonNode schema, JsonNode value) {
        JsonSchema validator = compiled.computeIfAbsent(schema, this::compile);
        Set<String> problems = new TreeSet<>();
        for (ValidationMessage message : validator.validate(value)) {
            problems.add(message.getMessage());
        }
        return new ArrayList<>(problems);
    }

    public Set<String> documentedStatuses(Operation operation) {
        Set<String> statuses = new TreeSet<>();
        operation.node().path("responses").fieldNames().forEachRemaining(statuses::add);
        return statuses;
    }

    /** The node a local {@code $ref} ("#/components/...") points at; the node itself when it is no reference. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has(REF)) {
            String ref = current.get(REF).asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are expected: " + ref);
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }

    // The schema becomes the root of a document that also holds the components, so "#/components/schemas/X" resolves.
    private JsonSchema compile(JsonNode schema) {
        ObjectNode root = Json.object();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("allOf", Json.MAPPER.createArrayNode().add(schema));
        root.set("components", document.path("components"));
        return factory.getSchema(root, config);
    }
}
