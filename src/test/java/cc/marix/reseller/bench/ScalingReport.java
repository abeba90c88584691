package cc.marix.reseller.bench;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Prints {@code scaling} of {@code results.json}: each read's page cost at each data size. */
final class ScalingReport {

    private ScalingReport() {
    }

    static void print(JsonNode results, PrintStream out) {
        JsonNode scaling = results.path("scaling");
        if (scaling.isMissingNode()) {
            return;
        }
        out.println();
        out.println("Reads as the data grows: one page (p50 ms, read units and round trips per request)");
        for (Iterator<Map.Entry<String, JsonNode>> it = scaling.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> read = it.next();
            if (!read.getValue().isArray()) {
                out.printf(Locale.ROOT, "  %-48s %s%n", read.getKey(), read.getValue());
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (JsonNode point : read.getValue()) {
                line.append(String.format(Locale.ROOT, "  %,7d: %7.1f ms %8.1f RU %5.1f rt",
                        point.path("size").asInt(), point.path("p50Millis").asDouble(),
                        point.path("readUnits").asDouble(), point.path("roundTrips").asDouble()));
            }
            out.printf(Locale.ROOT, "  %-48s%s%n", read.getKey(), line);
        }
    }
}
