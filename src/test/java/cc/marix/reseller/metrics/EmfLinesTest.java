package cc.marix.reseller.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.testing.EmfSpec;

class EmfLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-05-14T10:30:00Z");

    @Test
    void oneValuePerDimension_shouldMakeOneDocument_withADirectivePerDimension() {
        InvocationMetrics metrics = new InvocationMetrics("delivery-worker", "r-1");
        metrics.add(Metric.EMAILS_SENT, null, 1);
        metrics.add(Metric.EMAILS_SENT, null, 1);
        metrics.add(Metric.ORDERS_DELIVERED, "demo", 1);

        List<ObjectNode> lines = render(metrics);

        assertEquals(1, lines.size());
        JsonNode line = lines.get(0);
        assertEquals(List.of(), EmfSpec.violations(line));
        assertEquals(AT.toEpochMilli(), line.path("_aws").path("Timestamp").asLong());
        assertEquals(2, line.path("_aws").path("CloudWatchMetrics").size());
        assertEquals(2, EmfSpec.sum(lines(lines), "EmailsSent", Map.of()));
        assertEquals(1, EmfSpec.sum(lines(lines), "OrdersDelivered", Map.of("Partner", "demo")));
        assertEquals("[[]]", directiveOf(line, "EmailsSent").path("Dimensions").toString(), "no dimension");
        assertEquals("[[\"Partner\"]]", directiveOf(line, "OrdersDelivered").path("Dimensions").toString());
        assertEquals("delivery-worker", line.path("function").asText());
        assertEquals("r-1", line.path("awsRequestId").asText());
    }

    @Test
    void twoValuesOfOneDimension_shouldMakeTwoDocuments_forAnObjectHoldsOneValuePerName() {
        InvocationMetrics metrics = new InvocationMetrics("delivery-worker", "r-1");
        metrics.add(Metric.ORDERS_DELIVERED, "alpha", 1);
        metrics.add(Metric.ORDERS_DELIVERED, "beta", 1);
        metrics.add(Metric.ORDERS_DELIVERED, "beta", 1);
        metrics.add(Metric.CALLBACKS_ACKNOWLEDGED, null, 3);

        List<ObjectNode> lines = render(metrics);

        assertEquals(2, lines.size());
        lines.forEach(line -> assertEquals(List.of(), EmfSpec.violations(line)));
        assertEquals(1, EmfSpec.sum(lines(lines), "OrdersDelivered", Map.of("Partner", "alpha")));
        assertEquals(2, EmfSpec.sum(lines(lines), "OrdersDelivered", Map.of("Partner", "beta")));
        assertEquals(3, EmfSpec.sum(lines(lines), "CallbacksAcknowledged", Map.of()), "counted once, not per line");
    }

    @Test
    void aLevel_shouldKeepTheLastValue_notAddThem() {
        InvocationMetrics metrics = new InvocationMetrics("partner-webhook", null);
        metrics.add(Metric.STOCK_AVAILABLE, "p-1", 7);
        metrics.add(Metric.STOCK_AVAILABLE, "p-1", 6);

        List<ObjectNode> lines = render(metrics);

        assertEquals(6, EmfSpec.sum(lines(lines), "StockAvailable", Map.of("ProductId", "p-1")));
        assertFalse(lines.get(0).has("awsRequestId"), "no request id outside Lambda, and no null for one");
    }

    @Test
    void drained_shouldRenderNothing_soASecondEndPrintsNothingAgain() {
        InvocationMetrics metrics = new InvocationMetrics("order-create", "r-2");
        metrics.add(Metric.BALANCE_ORDERS_PAID, null, 1);
        assertEquals(1, render(metrics).size());
        assertTrue(render(metrics).isEmpty());
    }

    @Test
    void dimensionValues_shouldBeRefused_whenMissingBlankTooLongOrControl_orGivenToADimensionlessMetric() {
        assertTrue(Metrics.fits(Metric.ORDERS_DELIVERED, "demo"));
        assertTrue(Metrics.fits(Metric.EMAILS_SENT, null));
        assertFalse(Metrics.fits(Metric.ORDERS_DELIVERED, null));
        assertFalse(Metrics.fits(Metric.ORDERS_DELIVERED, " "));
        assertFalse(Metrics.fits(Metric.ORDERS_DELIVERED, "a\nb"));
        assertFalse(Metrics.fits(Metric.ORDERS_DELIVERED, "x".repeat(Metrics.MAX_DIMENSION_VALUE + 1)));
        assertFalse(Metrics.fits(Metric.EMAILS_SENT, "demo"));
    }

    @Test
    void aDocument_shouldBeWrittenMemberByMember_asTheTreeItWasBuiltFromBeforeWrote() {
        InvocationMetrics metrics = new InvocationMetrics("delivery-worker", "r-1");
        metrics.add(Metric.EMAILS_SENT, null, 2);
        metrics.add(Metric.ORDERS_DELIVERED, "demo", 1);

        assertEquals(List.of("{\"_aws\":{\"Timestamp\":" + AT.toEpochMilli() + ",\"CloudWatchMetrics\":["
                + "{\"Namespace\":\"Reseller\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"EmailsSent\",\"Unit\":\"Count\"}]},"
                + "{\"Namespace\":\"Reseller\",\"Dimensions\":[[\"Partner\"]],"
                + "\"Metrics\":[{\"Name\":\"OrdersDelivered\",\"Unit\":\"Count\"}]}]},"
                + "\"function\":\"delivery-worker\",\"awsRequestId\":\"r-1\",\"EmailsSent\":2,\"Partner\":\"demo\","
                + "\"OrdersDelivered\":1}"), EmfLines.render("Reseller", AT, properties(metrics), metrics.drain()));
    }

    @Test
    void text_shouldBeEscapedAsJacksonWritesIt_andReadBackTheSame() throws IOException {
        String awkward = "fn \"quoted\" \\ back\tslash\n\u0001 тест \uD83C\uDF81";
        InvocationMetrics metrics = new InvocationMetrics(awkward, "r-1");
        metrics.add(Metric.ORDERS_DELIVERED, "slug-é", 1);

        String line = EmfLines.render("Reseller", AT, properties(metrics), metrics.drain()).get(0);

        assertEquals(awkward, JSON.readTree(line).path("function").asText());
        assertEquals("slug-é", JSON.readTree(line).path("Partner").asText());
        assertTrue(line.contains("\"function\":" + JSON.writeValueAsString(awkward) + ","), line);
    }

    private static List<ObjectNode> render(InvocationMetrics metrics) {
        try {
            List<ObjectNode> documents = new ArrayList<>();
            for (String line : EmfLines.render("Reseller", AT, properties(metrics), metrics.drain())) {
                assertFalse(line.contains("\n"), "one line a document");
                documents.add((ObjectNode) JSON.readTree(line));
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> properties(InvocationMetrics metrics) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("function", metrics.function());
        if (metrics.requestId() != null) {
            properties.put("awsRequestId", metrics.requestId());
        }
        return properties;
    }

    private static List<JsonNode> lines(List<ObjectNode> lines) {
        return List.copyOf(lines);
    }

    private static JsonNode directiveOf(JsonNode line, String metric) {
        for (JsonNode directive : line.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode definition : directive.path("Metrics")) {
                if (metric.equals(definition.path("Name").asText())) {
                    return directive;
                }
            }
        }
        throw new AssertionError(metric + " is defined by no directive");
    }
}
