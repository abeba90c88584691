package cc.marix.reseller.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Renders counted metrics as CloudWatch Embedded Metric Format documents. One document holds one directive per
 * dimension, and its root one value per dimension name, so the values of a dimension are spread over as many
 * documents as it has values (two partners in one invocation: two documents); most invocations print one.
 * Written as text member by member, strings escaped by Jackson's encoder as its generator escapes them (no tree and
 * no generator: one document is printed at the end of every invocation, issue 14), and from no annotated class:
 * nothing here is reached by reflection (native image).
 */
public final class EmfLines {

    /** Room for a usual document (one or two directives), so that its builder is not grown. */
    private static final int DOCUMENT_CHARS = 512;

    private EmfLines() {
    }

    /**
     * The documents' text, one line each (no line break).
     *
     * @param properties extra root members for CloudWatch Logs Insights (never dimensions, never metrics)
     */
    public static List<String> render(String namespace, Instant at, Map<String, String> properties,
            Map<InvocationMetrics.Key, Long> values) {
        Map<Metric.Dimension, List<Map.Entry<String, Map<Metric, Long>>>> byDimension = byDimension(values);
        int documents = 0;
        for (List<Map.Entry<String, Map<Metric, Long>>> dimensionValues : byDimension.values()) {
            documents = Math.max(documents, dimensionValues.size());
        }
        List<String> lines = new ArrayList<>(documents);
        for (int index = 0; index < documents; index++) {
            lines.add(document(namespace, at, properties, byDimension, index));
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

    private static String document(String namespace, Instant at, Map<String, String> properties,
            Map<Metric.Dimension, List<Map.Entry<String, Map<Metric, Long>>>> byDimension, int index) {
        // the root's members after _aws, in the order a JSON object keeps them: a later one of the same name takes
        // the earlier one's place
        Map<String, Object> members = new LinkedHashMap<>(properties);
        StringBuilder out = new StringBuilder(DOCUMENT_CHARS);
        out.append("{\"_aws\":{\"Timestamp\":").append(at.toEpochMilli()).append(",\"CloudWatchMetrics\":[");
        boolean firstDirective = true;
        for (Map.Entry<Metric.Dimension, List<Map.Entry<String, Map<Metric, Long>>>> dimension
                : byDimension.entrySet()) {
            if (index >= dimension.getValue().size()) {
                continue;
            }
            Map.Entry<String, Map<Metric, Long>> taken = dimension.getValue().get(index);
            out.append(firstDirective ? "" : ",").append("{\"Namespace\":");
            firstDirective = false;
            string(out, namespace).append(",\"Dimensions\":[[");
            String key = dimension.getKey().key();
            if (key != null) {
                string(out, key);
                members.put(key, taken.getKey());
            }
            out.append("]],\"Metrics\":[");
            boolean firstMetric = true;
            for (Map.Entry<Metric, Long> metric : taken.getValue().entrySet()) {
                out.append(firstMetric ? "" : ",").append("{\"Name\":");
                firstMetric = false;
                string(out, metric.getKey().cloudWatchName()).append(",\"Unit\":");
                string(out, metric.getKey().unit()).append('}');
                members.put(metric.getKey().cloudWatchName(), metric.getValue());
            }
            out.append("]}");
        }
        out.append("]}");
        for (Map.Entry<String, Object> member : members.entrySet()) {
            string(out.append(','), member.getKey()).append(':');
            if (member.getValue() instanceof Long number) {
                out.append(number.longValue());
            } else {
                string(out, (String) member.getValue());
            }
        }
        return out.append('}').toString();
    }

    /** A JSON string, escaped as Jackson's generator escapes it; null as null, as the tree wrote it. */
    private static StringBuilder string(StringBuilder out, String text) {
        if (text == null) {
            return out.append("null");
        }
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        return out.append('"');
    }
}
