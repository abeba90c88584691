package cc.marix.reseller.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.Json;

/** The Embedded Metric Format line: what CloudWatch needs to make metrics of it, and nothing it would misread. */
class EmfWriterTest {

    @Test
    void aMetricWithDimensions_shouldDeclareThemAndTheTotal_withItsValuesAtTheTop() {
        JsonNode line = Json.parse(EmfWriter.line(Json.MAPPER, "Reseller", 1_764_000_000_000L, "LowStock", 1,
                new TreeMap<>(Map.of("ProductId", "p-1", "Partner", "acme")), Map.of("Available", 9L)));

        assertEquals(1_764_000_000_000L, line.path("_aws").path("Timestamp").asLong());
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").path(0);
        assertEquals("Reseller", directive.path("Namespace").asText());
        assertEquals("[[\"Partner\",\"ProductId\"],[]]", directive.path("Dimensions").toString(),
                "one set with every dimension (sorted), and the empty set: the total the alarms read");
        assertEquals("[{\"Name\":\"LowStock\",\"Unit\":\"Count\"}]", directive.path("Metrics").toString());
        assertEquals("p-1", line.path("ProductId").asText());
        assertEquals("acme", line.path("Partner").asText());
        assertEquals(9, line.path("Available").asLong(), "a property only: not declared as a metric");
        assertEquals(1, line.path("LowStock").asLong());
    }

    @Test
    void aMetricWithoutDimensions_shouldDeclareOnlyTheEmptySet_onOneLine() {
        String text = EmfWriter.line(Json.MAPPER, "Custom/NS", 5L, "ReconcileFailures", 0, Map.of(), Map.of());
        JsonNode line = Json.parse(text);

        assertEquals("[[]]", line.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").toString());
        assertEquals("Custom/NS", line.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
        assertEquals(0, line.path("ReconcileFailures").asLong());
        assertEquals(-1, text.indexOf('\n'), "one object, one line");
    }
}
