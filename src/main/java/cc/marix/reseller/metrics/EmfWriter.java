package cc.marix.reseller.metrics;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;

/**
 * Writes metrics in CloudWatch Embedded Metric Format: one JSON object per line on standard output, which Lambda
 * sends to CloudWatch Logs, where CloudWatch turns it into metrics (no SDK, no extra call, nothing to flush). Logs go
 * to standard error (application.properties), so no log line is ever mixed into these. Each metric is written twice
 * over: with its dimensions, to see which product it was, and without any, for the alarms, which watch the total.
 * Values that explain a metric (a product's available codes and threshold) ride along as plain properties: CloudWatch
 * Logs Insights reads them; they are no metrics and cost nothing.
 */
@ApplicationScoped
public class EmfWriter {

    /** A product's available stock went below its threshold (alarm LowStockAlarm); dimension ProductId. */
    public static final String LOW_STOCK = "LowStock";
    /** Payments a payment-reconcile run could not handle (alarm ReconcileFailuresAlarm). */
    public static final String RECONCILE_FAILURES = "ReconcileFailures";
    public static final String PRODUCT_ID = "ProductId";
    public static final String AVAILABLE = "Available";
    public static final String THRESHOLD = "Threshold";

    private final ObjectMapper json;
    private final Clock clock;
    private final String namespace;

    public EmfWriter(ObjectMapper json, Clock clock, AppConfig config) {
        this.json = json;
        this.clock = clock;
        this.namespace = config.metrics().namespace();
    }

    /** One {@code Count} of {@code value} with these dimensions (and, in the same line, without them). */
    public void count(String metric, long value, Map<String, String> dimensions, Map<String, Long> properties) {
        // System.out read at each write, not kept: tests swap it to read what was written
        System.out.println(line(json, namespace, clock.millis(), metric, value, dimensions, properties));
    }

    static String line(ObjectMapper json, String namespace, long timestamp, String metric, long value,
            Map<String, String> dimensions, Map<String, Long> properties) {
        ObjectNode root = json.createObjectNode();
        ObjectNode directive = root.putObject("_aws").put("Timestamp", timestamp).putArray("CloudWatchMetrics")
                .addObject().put("Namespace", namespace);
        ArrayNode sets = directive.putArray("Dimensions");
        if (!dimensions.isEmpty()) {
            ArrayNode named = sets.addArray();
            dimensions.keySet().stream().sorted().forEach(named::add);
        }
        sets.addArray();
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        dimensions.forEach(root::put);
        properties.forEach(root::put);
        root.put(metric, value);
        return root.toString();
    }
}
