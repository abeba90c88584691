package cc.marix.reseller.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run-local's demo.env: the values scripts/smoke.sh reads, one a line, readable by its owner only. */
class DemoEnvTest {

    @TempDir
    Path dir;

    @Test
    void writeTo_shouldWriteEveryValueOnItsLine_withMode600() throws Exception {
        Path file = dir.resolve("local/demo.env");

        DemoEnv.of("http://127.0.0.1:18080", "mk_demo").put("TRIBUTE_SANDBOX_URL", "http://127.0.0.1:18091")
                .writeTo(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        List<String> values = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("#")).toList();
        assertEquals(List.of("BASE_URL=http://127.0.0.1:18080", "PARTNER_WEBHOOK_URL=http://127.0.0.1:18080",
                "PARTNER=demo", "PARTNER_SECRET=" + DemoData.PARTNER_SECRET, "API_KEY=mk_demo",
                "PRODUCT_ID=" + DemoData.PRODUCT_ID, "PRODUCT_SLUG=demo-game-key",
                "PRODUCT_NAME_RU=Демо-ключ игры", "PRODUCT_NAME_EN=Demo game key",
                "TRIBUTE_SANDBOX_URL=http://127.0.0.1:18091"), values);
    }

    @Test
    void writeTo_shouldReplaceAnEarlierFile_andLeaveNoTemporaryFileBehind() throws Exception {
        Path file = dir.resolve("demo.env");
        Files.writeString(file, "API_KEY=mk_old\n");

        DemoEnv.of("http://127.0.0.1:18080", "mk_new").writeTo(file);

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("API_KEY=mk_new\n"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void put_shouldRefuseAValueThatWouldBreakTheLineFormat() {
        DemoEnv env = DemoEnv.of("http://127.0.0.1:18080", "mk_demo");

        assertThrows(IllegalArgumentException.class, () -> env.put("API_KEY", "mk_a\nPARTNER_SECRET=x"));
        assertThrows(IllegalArgumentException.class, () -> env.put("lower", "x"));
    }
}
