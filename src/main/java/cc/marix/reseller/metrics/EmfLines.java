package cc.marix.reseller.metrics;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Renders counted metrics as CloudWatch Embedded Metric Format documents. One document holds one directive per
 * dimension, and its root one value per dimension name, so the values of a dimension are spread over as many
 * documents as it has values (two partners in one invocation: two documents); most invocations print one.
 * Written with Jackson's generator, member by member (no tree first: one is printed at the end of every invocation,
 * issue 14), and from no annotated class: nothing here is reached by reflection (native image).
 */
public final class EmfLines {

    private EmfLines() {
    }

    /**
     * The documents' text, one line each (no line break).
     *
     * @param properties extra root members for CloudWatch Logs Insights (never dimensions, never metrics)
     */
    public static List<String> render(ObjectMapper json, String namespace, Instant at,
            Map<String, String> properties, Map<InvocationMetrics.Key, Long> values) throws IOException {
        Map<Metric.Dimension, List<Map.Entry<String, Map<Metric, Long>>>> byDimension = byDimension(values);
        int documents = 0;
        for (List<Map.Entry<String, Map<Metric, Long>>> dimensionValues : byDimension.values()) {
            documents = Math.max(documents, dimensionValues.size());
        }
        List<String> lines = new ArrayList<>(documents);
        for (int index = 0; index < documents; index++) {
            lines.add(document(json, namespace, at, properties, byDimension, index));
        }
        return lines;
    }

    private static Map<Metric.Dimension, List<Map.Entry<String, Map<Metric, Long>>>> byDimension(
            Map<InvocationMetrics.Key, Long> values) {
        Map<Metric.Dimension, Map<String, Map<Metric, Long>>> grouped = new EnumMap<>(Metric.Dimension.class);
        for (Map.Entry<InvocationMetrics.Key, Long> value : values.entrySet()) {
            Metric metric = value.getKey().metric();
            grouped.computeIfAbsent(metric.dimension(), dimension -> new LinkedHashMap<>())
                    .computeIfAbsent(String.valueOf(value.getKey().dimensionValue()), v -> new LinkedHashMap<>())
                    .put(metric, value.getValue());
        }
        Map<Metric.Dimension, List<Map.Entry<String, Map<Metric, Long>>>> listed = new EnumMap<>(
                Metric.Dimension.class);
        grouped.forEach((dimension, byValue) -> listed.put(dimension, new ArrayList<>(byValue.entrySet())));
        return listed;
    }

    private static String document(ObjectMapper json, String namespace, Instant at, Map<String, String> properties,
            Map<Metric.Dimension, List<Map.Entry<String, Map<Metric, Long>>>> byDimension, int index)
            throws IOException {
        // the root's members after _aws, in the order a JSON object keeps them: a later one of the same name takes
        // the earlier one's place
        Map<String, Object> members = new LinkedHashMap<>(properties);
        StringWriter text = new StringWriter();
        try (JsonGenerator out = json.getFactory().createGenerator(text)) {
            out.writeStartObject();
            out.writeObjectFieldStart("_aws");
            out.writeNumberField("Timestamp", at.toEpochMilli());
            out.writeArrayFieldStart("CloudWatchMetrics");
            for (Map.Entry<Metric.Dimension, List<Map.Entry<String, Map<Metric, Long>>>> dimension
                    : byDimension.entrySet()) {
                if (index >= dimension.getValue().size()) {
                    continue;
                }
                Map.Entry<String, Map<Metric, Long>> taken = dimension.getValue().get(index);
                out.writeStartObject();
                out.writeStringField("Namespace", namespace);
                out.writeArrayFieldStart("Dimensions");
                out.writeStartArray();
                String key = dimension.getKey().key();
                if (key != null) {
                    out.writeString(key);
                    members.put(key, taken.getKey());
                }
                out.writeEndArray();
                out.writeEndArray();
                out.writeArrayFieldStart("Metrics");
                for (Map.Entry<Metric, Long> metric : taken.getValue().entrySet()) {
                    out.writeStartObject();
                    out.writeStringField("Name", metric.getKey().cloudWatchName());
                    out.writeStringField("Unit", metric.getKey().unit());
                    out.writeEndObject();
                    members.put(metric.getKey().cloudWatchName(), metric.getValue());
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
            for (Map.Entry<String, Object> member : members.entrySet()) {
                if (member.getValue() instanceof Long number) {
                    out.writeNumberField(member.getKey(), number);
                } else {
                    out.writeStringField(member.getKey(), (String) member.getValue());
                }
            }
            out.writeEndObject();
        }
        return text.toString();
    }
}
