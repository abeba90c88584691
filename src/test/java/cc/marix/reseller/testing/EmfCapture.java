package cc.marix.reseller.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything written to stdout while installed (the functions run in the test JVM and print their EMF documents
 * there), still passed on to the real stdout. {@link #documents()} are the lines that are EMF documents.
 */
public final class EmfCapture implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private EmfCapture() {
        this.original = System.out;
    }

    public static EmfCapture install() {
        EmfCapture capture = new EmfCapture();
        System.setOut(new PrintStream(new Tee(capture.original, capture.captured), true, StandardCharsets.UTF_8));
        return capture;
    }

    /** Every line printed so far that is a JSON object with an {@code _aws} member, parsed. */
    public List<JsonNode> documents() {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                documents.add(Json.parse(line));
            }
        }
        return documents;
    }

    public List<String> lines() {
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        return text.lines().toList();
    }

    /** Forgets what was printed so far. */
    public void reset() {
        synchronized (captured) {
            captured.reset();
        }
    }

    @Override
    public void close() {
        System.setOut(original);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        Tee(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            synchronized (second) {
                second.write(b);
            }
            try {
                first.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            synchronized (second) {
                second.write(bytes, offset, length);
            }
            first.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }
}
