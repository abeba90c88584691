package cc.marix.reseller.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prints {@code target/bench/results.json} as the table BENCHMARKS.md shows. */
public final class BenchReport {

    private BenchReport() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode results = new ObjectMapper().readTree(Files.readString(Path.of(args[0])));
        print(results, System.out);
    }

    static void print(JsonNode results, PrintStream out) {
        CapacityReport.print(results, out);
        out.println("DynamoDB round trips per operation (SDK interceptor)");
        for (Iterator<Map.Entry<String, JsonNode>> it = results.path("roundTrips").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> operation = it.next();
            out.printf(Locale.ROOT, "  %-26s %2d   %s%n", operation.getKey(), operation.getValue().path("total").asInt(),
                    operation.getValue().path("calls"));
        }
        out.println();
        ComputeReport.print(results.path("compute"), out);
        out.println("Partner webhook through the Lambda handler vs the bare DynamoDB calls it needs (the floor)");
        out.println("  senders   function/s   p50 ms   p99 ms   floor/s   p50 ms   p99 ms   ratio");
        for (JsonNode level : results.path("webhook")) {
            JsonNode function = level.path("function");
            JsonNode floor = level.path("floor");
            out.printf(Locale.ROOT, "  %7d   %10.1f   %6.1f   %6.1f   %7.1f   %6.1f   %6.1f   %5.2f%n",
                    level.path("senders").asInt(), function.path("perSecond").asDouble(),
                    function.path("p50Millis").asDouble(), function.path("p99Millis").asDouble(),
                    floor.path("perSecond").asDouble(), floor.path("p50Millis").asDouble(),
                    floor.path("p99Millis").asDouble(), level.path("ratio").asDouble());
        }
        for (JsonNode level : results.path("webhook")) {
            JsonNode direct = level.path("fulfilmentOnly");
            if (!direct.isMissingNode()) {
                out.printf(Locale.ROOT, "  where the time goes at %d sender: in DynamoDB calls %.1f ms (floor %.1f ms);"
                        + " fulfilment code alone %.1f ms a call (%.1f ms in DynamoDB); through the handler %.1f ms%n",
                        level.path("senders").asInt(), level.path("functionDynamoMillisPerOp").asDouble(),
                        level.path("floorDynamoMillisPerOp").asDouble(), direct.path("p50Millis").asDouble(),
                        direct.path("dynamoMillisPerOp").asDouble(), level.path("function").path("p50Millis").asDouble());
            }
        }
        out.println();
        JsonNode shards = results.path("counterShards");
        out.println("Stock counter: 8 shards vs 1 item per product (fulfilment transactions on distinct codes, "
                + shards.path("senders").asInt() + " senders)");
        out.println("  layout      fulfilments/s   p99 ms   transactions per fulfilment");
        for (String layout : new String[] {"8 shards", "1 shard"}) {
            JsonNode run = shards.path(layout);
            out.printf(Locale.ROOT, "  %-10s  %13.1f   %6.1f   %5.2f%n", layout, run.path("perSecond").asDouble(),
                    run.path("p99Millis").asDouble(), run.path("transactionsPerFulfilment").asDouble());
        }
        out.println();
        out.println("Storms");
        for (Iterator<Map.Entry<String, JsonNode>> it = results.path("storms").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> storm = it.next();
            out.printf(Locale.ROOT, "  %-30s %s  %s%n", storm.getKey(),
                    storm.getValue().path("pass").asBoolean() ? "PASS" : "FAIL", storm.getValue());
        }
        ScalingReport.print(results, out);
        out.println();
        OrderScalingReport.print(results, out);
        out.println();
        out.println("Cold start: process start to the first answered event (median), peak RSS");
        for (Iterator<Map.Entry<String, JsonNode>> it = results.path("coldStart").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> line = it.next();
            out.printf(Locale.ROOT, "  %-20s %7.0f ms   %5.0f MiB   runs %s%n", line.getKey(),
                    line.getValue().path("medianMillis").asDouble(),
                    line.getValue().path("medianPeakRssMib").asDouble(), line.getValue().path("millis"));
        }
    }
}
