package cc.marix.reseller.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Prints the {@code capacity} section of {@code results.json}: read and write units and round trips per operation,
 * and what a million of each costs at DynamoDB on-demand prices.
 */
final class CapacityReport {

    /** us-east-1 on-demand, from 1 November 2024 (BENCHMARKS.md "Capacity per operation" cites the source). */
    static final BigDecimal WRITE_PER_MILLION = new BigDecimal("0.625");
    static final BigDecimal READ_PER_MILLION = new BigDecimal("0.125");

    private CapacityReport() {
    }

    static void print(JsonNode results, PrintStream out) {
        JsonNode capacity = results.path("capacity");
        if (capacity.isMissingNode()) {
            return;
        }
        out.println("DynamoDB capacity per operation (ReturnConsumedCapacity), and the price of a million at on-demand"
                + " $" + WRITE_PER_MILLION + "/M writes, $" + READ_PER_MILLION + "/M reads");
        out.println("  operation                                                   read   write   trips   $ per million");
        for (Iterator<Map.Entry<String, JsonNode>> it = capacity.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> operation = it.next();
            JsonNode units = operation.getValue();
            out.printf(Locale.ROOT, "  %-58s %5.1f   %5.1f   %5d   %8s%s%n", operation.getKey(),
                    units.path("readUnits").asDouble(), units.path("writeUnits").asDouble(),
                    units.path("roundTrips").asLong(), perMillion(units), refused(units));
        }
        out.println("  write units of one copy of an item, alone, in a table without indexes (its size in 1 KB units):");
        for (Iterator<Map.Entry<String, JsonNode>> it = results.path("itemWriteUnits").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> item = it.next();
            out.printf(Locale.ROOT, "    %-40s %4.0f%n", item.getKey(), item.getValue().asDouble());
        }
        out.println();
    }

    /** Dollars for a million of this operation, the units it reported. */
    static BigDecimal perMillion(JsonNode units) {
        return new BigDecimal(units.path("readUnits").asText("0")).multiply(READ_PER_MILLION)
                .add(new BigDecimal(units.path("writeUnits").asText("0")).multiply(WRITE_PER_MILLION))
                .setScale(2, RoundingMode.HALF_UP);
    }

    private static String refused(JsonNode units) {
        JsonNode refused = units.path("refusedCalls");
        return refused.isMissingNode() ? "" : "   (+ refused, unreported: " + refused + ")";
    }
}
