package cc.marix.reseller.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders counted metrics as CloudWatch Embedded Metric Format documents. One document holds one directive per
 * dimension, and its root one value per dimension name, so the values of a dimension are spread over as many
 * documents as it has values (two partners in one invocation: two documents); most invocations print one.
 * Built as a JSON tree, not from annotated classes: nothing here is reached by reflection (native image).
 */
public final class EmfLines {

    private EmfLines() {
    }

    /**
     * @param properties extra root members for CloudWatch Logs Insights (never dimensions, never metrics)
     */
    public static List<ObjectNode> render(ObjectMapper json, String namespace, Instant at,
            Map<String, String> properties, Map<InvocationMetrics.Key, Long> values) {
        Map<Metric.Dimension, Map<String, Map<Metric, Long>>> byDimension = new EnumMap<>(Metric.Dimension.class);
        for (Map.Entry<InvocationMetrics.Key, Long> value : values.entrySet()) {
            Metric metric = value.getKey().metric();
            byDimension.computeIfAbsent(metric.dimension(), dimension -> new LinkedHashMap<>())
                    .computeIfAbsent(String.valueOf(value.getKey().dimensionValue()), v -> new LinkedHashMap<>())
                    .put(metric, value.getValue());
        }
        int documents = byDimension.values().stream().mapToInt(Map::size).max().orElse(0);
        List<ObjectNode> lines = new ArrayList<>();
        for (int index = 0; index < documents; index++) {
            lines.add(document(json, namespace, at, properties, byDimension, index));
        }
        return lines;
    }

    private static ObjectNode document(ObjectMapper json, String namespace, Instant at, Map<String, String> properties,
            Map<Metric.Dimension, Map<String, Map<Metric, Long>>> byDimension, int index) {
        ObjectNode root = json.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", at.toEpochMilli());
        ArrayNode directives = aws.putArray("CloudWatchMetrics");
        properties.forEach(root::put);
        for (Map.Entry<Metric.Dimension, Map<String, Map<Metric, Long>>> dimension : byDimension.entrySet()) {
            List<Map.Entry<String, Map<Metric, Long>>> dimensionValues = new ArrayList<>(
                    dimension.getValue().entrySet());
            if (index >= dimensionValues.size()) {
                continue;
            }
            Map.Entry<String, Map<Metric, Long>> taken = dimensionValues.get(index);
            ObjectNode directive = directives.addObject();
            directive.put("Namespace", namespace);
            ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
            String key = dimension.getKey().key();
            if (key != null) {
                dimensionSet.add(key);
                root.put(key, taken.getKey());
            }
            ArrayNode definitions = directive.putArray("Metrics");
            taken.getValue().forEach((metric, value) -> {
                definitions.addObject().put("Name", metric.cloudWatchName()).put("Unit", metric.unit());
                root.put(metric.cloudWatchName(), value);
            });
        }
        return root;
    }
}
