package cc.marix.reseller.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules of CloudWatch's Embedded Metric Format specification that a document must meet for CloudWatch to extract
 * its metrics (Amazon CloudWatch User Guide, "Specification: Embedded metric format"), checked on a parsed document,
 * and the values it carries.
 */
public final class EmfSpec {

    static final int MAX_DIMENSION_KEYS = 30;
    static final int MAX_METRICS = 100;
    static final int MAX_VALUES = 100;
    static final int MAX_BYTES = 1024 * 1024;
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
            "Count/Second", "None");

    private EmfSpec() {
    }

    /** Every way the document breaks the specification; empty when CloudWatch would take it. */
    public static List<String> violations(JsonNode root) {
        List<String> found = new ArrayList<>();
        if (!root.isObject()) {
            return List.of("the root is not an object");
        }
        if (root.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            found.add("larger than a log event may be");
        }
        JsonNode aws = root.path("_aws");
        if (!aws.isObject()) {
            return List.of("no _aws object");
        }
        onlyMembers(aws, Set.of("Timestamp", "CloudWatchMetrics", "LogGroupName"), "_aws", found);
        if (!aws.path("Timestamp").isIntegralNumber() || aws.path("Timestamp").asLong() <= 0) {
            found.add("_aws.Timestamp is not a positive number of milliseconds");
        }
        JsonNode directives = aws.path("CloudWatchMetrics");
        if (!directives.isArray() || directives.isEmpty()) {
            found.add("_aws.CloudWatchMetrics is not a non-empty array");
            return found;
        }
        for (JsonNode directive : directives) {
            directive(root, directive, found);
        }
        return found;
    }

    private static void directive(JsonNode root, JsonNode directive, List<String> found) {
        onlyMembers(directive, Set.of("Namespace", "Dimensions", "Metrics"), "a MetricDirective", found);
        String namespace = directive.path("Namespace").asText("");
        if (!directive.path("Namespace").isTextual() || namespace.isBlank() || namespace.length() > 255) {
            found.add("Namespace is not a string of 1 to 255 characters");
        }
        JsonNode dimensions = directive.path("Dimensions");
        if (!dimensions.isArray()) {
            found.add("Dimensions is not an array");
        } else {
            for (JsonNode set : dimensions) {
                if (!set.isArray() || set.size() > MAX_DIMENSION_KEYS) {
                    found.add("a DimensionSet is not an array of at most 30 keys");
                    continue;
                }
                for (JsonNode key : set) {
                    if (!key.isTextual() || !root.path(key.asText()).isTextual()) {
                        found.add("dimension " + key + " has no string member on the root");
                    }
                }
            }
        }
        JsonNode metrics = directive.path("Metrics");
        if (!metrics.isArray() || metrics.isEmpty() || metrics.size() > MAX_METRICS) {
            found.add("Metrics is not an array of 1 to 100 definitions");
            return;
        }
        for (JsonNode definition : metrics) {
            onlyMembers(definition, Set.of("Name", "Unit", "StorageResolution"), "a MetricDefinition", found);
            String name = definition.path("Name").asText("");
            if (name.isEmpty()) {
                found.add("a MetricDefinition without a Name");
                continue;
            }
            if (definition.has("Unit") && !UNITS.contains(definition.path("Unit").asText())) {
                found.add(name + ": unit " + definition.path("Unit") + " is none of CloudWatch's");
            }
            if (!numeric(root.path(name))) {
                found.add(name + ": its root member is not a number or an array of up to 100 numbers");
            }
        }
    }

    private static boolean numeric(JsonNode value) {
        if (value.isNumber()) {
            return true;
        }
        if (!value.isArray() || value.isEmpty() || value.size() > MAX_VALUES) {
            return false;
        }
        for (JsonNode element : value) {
            if (!element.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static void onlyMembers(JsonNode object, Set<String> allowed, String what, List<String> found) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                found.add(what + " has a member the specification does not define: " + name);
            }
        }
    }

    /**
     * The sum of a metric's values over the documents, for one dimension set with these values ({@code Map.of()}:
     * the metric without dimensions).
     */
    public static long sum(List<JsonNode> documents, String metric, Map<String, String> dimensions) {
        long sum = 0;
        for (JsonNode document : documents) {
            if (defines(document, metric, dimensions)) {
                sum += document.path(metric).asLong();
            }
        }
        return sum;
    }

    /** Whether a directive of the document defines the metric under exactly these dimensions and values. */
    public static boolean defines(JsonNode document, String metric, Map<String, String> dimensions) {
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            boolean named = false;
            for (JsonNode definition : directive.path("Metrics")) {
                named |= metric.equals(definition.path("Name").asText());
            }
            if (!named) {
                continue;
            }
            for (JsonNode set : directive.path("Dimensions")) {
                if (set.size() == dimensions.size() && matches(document, set, dimensions)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(JsonNode document, JsonNode set, Map<String, String> dimensions) {
        for (JsonNode key : set) {
            if (!document.path(key.asText()).asText().equals(dimensions.get(key.asText()))) {
                return false;
            }
        }
        return true;
    }
}
