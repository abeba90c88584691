package cc.marix.reseller.bench;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Prints the {@link OrderScaling} series of {@code results.scaling}: one line per read, its sizes side by side. */
final class OrderScalingReport {

    private OrderScalingReport() {
    }

    static void print(JsonNode results, PrintStream out) {
        JsonNode scaling = results.path("scaling");
        out.println("One user's reads as the history grows (per read: median ms, read units, round trips)");
        for (Iterator<Map.Entry<String, JsonNode>> it = scaling.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> read = it.next();
            if (!read.getKey().startsWith("orders list") && !read.getKey().startsWith("top-up list")) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-38s", read.getKey()));
            for (JsonNode point : read.getValue()) {
                line.append(String.format(Locale.ROOT, "  %,7d: %7.1f ms %8.1f RU %4.1f rt",
                        point.path("size").asInt(), point.path("p50Millis").asDouble(),
                        point.path("readUnits").asDouble(), point.path("roundTrips").asDouble()));
            }
            out.println(line);
        }
        JsonNode seeding = results.path("orderScalingSeeding");
        if (!seeding.isMissingNode()) {
            out.println("  seeding (BatchWriteItem, 2 threads): " + seeding);
        }
    }
}
