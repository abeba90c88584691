package cc.marix.reseller.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Embedded Metric Format lines the functions wrote to standard output while an action ran (the functions run in
 * this JVM). Standard output still gets everything: it is teed, not taken.
 */
public final class MetricLines {

    private MetricLines() {
    }

    public static List<JsonNode> during(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(original, copy), true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : copy.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{\"_aws\"")) {
                lines.add(Json.parse(line));
            }
        }
        return lines;
    }

    /** The lines of {@code metric}, optionally only those of one product. */
    public static List<JsonNode> of(List<JsonNode> lines, String metric, String productId) {
        return lines.stream().filter(line -> line.has(metric))
                .filter(line -> productId == null || productId.equals(line.path("ProductId").asText()))
                .toList();
    }

    private static final class Tee extends OutputStream {

        private final PrintStream first;
        private final ByteArrayOutputStream second;

        Tee(PrintStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
