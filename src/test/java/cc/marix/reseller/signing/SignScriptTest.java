package cc.marix.reseller.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/sign.sh signs as partners must: the same bytes as {@link PartnerSignature}, for both schemes. */
class SignScriptTest {

    private static final String SECRET = "demo-secret-change-me-0123456789abcdef";
    private static final byte[] BODY = "{\"event\":\"order.paid\",\"externalOrderId\":\"Ф-1\",\"qty\":1}\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void bodyScheme_shouldPrintTheSignatureOfTheExactBytes() throws Exception {
        Path body = write();

        assertEquals(List.of(PartnerSignature.sign(SECRET, BODY)), run(SECRET, body.toString()));
    }

    @Test
    void timestampedScheme_shouldPrintBothHeaders() throws Exception {
        Path body = write();

        assertEquals(List.of("X-Timestamp: 1764460800",
                "X-Signature: " + PartnerSignature.signTimestamped(SECRET, 1764460800L, BODY)),
                run("--timestamped", "1764460800", SECRET, body.toString()));
    }

    @Test
    void timestampedScheme_shouldSignNow_whenNoTimestampIsGiven() throws Exception {
        Path body = write();
        long before = System.currentTimeMillis() / 1000;

        List<String> lines = run("--timestamped", SECRET, body.toString());

        long timestamp = Long.parseLong(lines.get(0).substring("X-Timestamp: ".length()));
        assertTrue(timestamp >= before && timestamp <= System.currentTimeMillis() / 1000, lines.toString());
        assertEquals("X-Signature: " + PartnerSignature.signTimestamped(SECRET, timestamp, BODY), lines.get(1));
    }

    private Path write() throws IOException {
        return Files.write(dir.resolve("body.json"), BODY);
    }

    private static List<String> run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/sign.sh"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("sign.sh did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }
}
