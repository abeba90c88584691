package cc.marix.reseller.bench;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.bench.LambdaCost.Architecture;

/** Prints the {@code compute} section of {@code results.json}: CPU per request, the function against its floor. */
final class ComputeReport {

    static final int[] MEMORY_SIZES = {128, 256, 512, 1024};
    static final double WAIT_PER_CALL_MILLIS = 6;

    private ComputeReport() {
    }

    static void print(JsonNode compute, PrintStream out) {
        if (compute.isMissingNode()) {
            return;
        }
        out.println("CPU per request, one sender (all threads but DynamoDB Local's), function vs the same DynamoDB calls"
                + " bare");
        out.println("  operation               function us   floor (SDK) us   own us   own/SDK (median of rounds, lowest-highest)"
                + "   calls   own KB allocated");
        for (Iterator<Map.Entry<String, JsonNode>> it = compute.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> operation = it.next();
            JsonNode result = operation.getValue();
            out.printf(Locale.ROOT, "  %-22s %12.0f   %14.0f   %6.0f   %7.2f (%4.2f-%4.2f)   %5.1f   %6.1f%n",
                    operation.getKey(), result.path("function").path("cpuMicrosPerOp").asDouble(),
                    result.path("floor").path("cpuMicrosPerOp").asDouble(), result.path("ownCpuMicrosPerOp").asDouble(),
                    result.path("ownToSdk").asDouble(), result.path("ownToSdkLowestRound").asDouble(),
                    result.path("ownToSdkHighestRound").asDouble(),
                    result.path("function").path("dynamoCallsPerOp").asDouble(),
                    result.path("ownAllocatedBytesPerOp").asDouble() / 1024);
        }
        out.println("  the same in pairs, the calling thread's CPU, medians: function us   floor us   own us"
                + "   own/SDK (95 % interval)");
        for (Iterator<Map.Entry<String, JsonNode>> it = compute.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> operation = it.next();
            JsonNode paired = operation.getValue().path("paired");
            out.printf(Locale.ROOT, "  %-22s %35.0f   %8.0f   %6.0f   %7.2f (%4.2f-%4.2f)%n", operation.getKey(),
                    paired.path("functionMicros").asDouble(), paired.path("floorMicros").asDouble(),
                    paired.path("ownMicros").asDouble(), paired.path("ownToSdk").asDouble(),
                    paired.path("ownToSdkLow95").asDouble(), paired.path("ownToSdkHigh95").asDouble());
            printParts(paired, out);
        }
        out.println();
        out.println("Lambda cost per million from that CPU, waiting " + WAIT_PER_CALL_MILLIS
                + " ms a DynamoDB call (assumed, in-region): billed ms, $ x86_64 / $ arm64");
        out.print("  operation             ");
        for (int memory : MEMORY_SIZES) {
            out.printf(Locale.ROOT, "   %4d MB: ms     x86   arm64", memory);
        }
        out.println();
        for (Iterator<Map.Entry<String, JsonNode>> it = compute.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> operation = it.next();
            double cpuMillis = operation.getValue().path("function").path("cpuMicrosPerOp").asDouble() / 1000;
            double waitMillis = WAIT_PER_CALL_MILLIS * operation.getValue().path("function").path("dynamoCallsPerOp")
                    .asDouble();
            out.printf(Locale.ROOT, "  %-22s", operation.getKey());
            for (int memory : MEMORY_SIZES) {
                out.printf(Locale.ROOT, "   %12d  %6s  %6s", LambdaCost.billedMillis(cpuMillis, waitMillis, memory),
                        LambdaCost.perMillion(cpuMillis, waitMillis, memory, Architecture.X86_64),
                        LambdaCost.perMillion(cpuMillis, waitMillis, memory, Architecture.ARM64));
            }
            out.println();
        }
        out.println();
    }

    /**
     * The parts of the function's work, each timed in pairs with the floor as the function is: its median and its
     * median difference from the floor, over the floor's median in those pairs.
     */
    private static void printParts(JsonNode paired, PrintStream out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = paired.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> part = it.next();
            if (!part.getValue().isObject()) {
                continue;
            }
            JsonNode result = part.getValue();
            out.printf(Locale.ROOT, "    %-28s %6.0f us = %4.2f (%4.2f-%4.2f) of its pairs' floor, %4.0f us;"
                    + " minus that floor %5.0f us = %5.2f (%4.2f-%4.2f)%s%n", part.getKey(),
                    result.path("micros").asDouble(), result.path("toSdk").asDouble(),
                    result.path("toSdkLow95").asDouble(), result.path("toSdkHigh95").asDouble(),
                    result.path("floorMicros").asDouble(), result.path("overFloorMicros").asDouble(),
                    result.path("overFloorToSdk").asDouble(), result.path("overFloorToSdkLow95").asDouble(),
                    result.path("overFloorToSdkHigh95").asDouble(), result.has("dynamoCalls")
                            ? "; DynamoDB calls in its warm-up and pairs: " + result.path("dynamoCalls").asLong() : "");
        }
    }
}
