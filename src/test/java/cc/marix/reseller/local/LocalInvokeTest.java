package cc.marix.reseller.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/invoke.sh gives the public API's events run-local's demo key in place of their placeholder. */
class LocalInvokeTest {

    private static final Path EVENT = Path.of("src/test/resources/events/access-me/get.json");

    @TempDir
    Path project;

    @Test
    void withDemoApiKey_shouldPutDemoEnvsKeyInPlaceOfThePlaceholder() throws Exception {
        LocalLayout layout = new LocalLayout(project);
        DemoEnv.of("http://127.0.0.1:18080", "mk_demo-key-of-this-run").writeTo(layout.demoEnvFile());
        String event = Files.readString(EVENT, StandardCharsets.UTF_8);

        String sent = LocalInvoke.withDemoApiKey(event, layout);

        assertTrue(event.contains(LocalInvoke.KEY_PLACEHOLDER), "the event file holds the placeholder");
        assertFalse(sent.contains(LocalInvoke.KEY_PLACEHOLDER), sent);
        assertTrue(sent.contains("\"Bearer mk_demo-key-of-this-run\""), sent);
    }

    @Test
    void withDemoApiKey_shouldSendTheEventAsWritten_withoutARunningRunLocal_orWithAnotherKey() throws Exception {
        LocalLayout layout = new LocalLayout(project);
        String event = Files.readString(EVENT, StandardCharsets.UTF_8);
        assertEquals(event, LocalInvoke.withDemoApiKey(event, layout));

        DemoEnv.of("http://127.0.0.1:18080", "mk_demo-key-of-this-run").writeTo(layout.demoEnvFile());
        String ownKey = event.replace(LocalInvoke.KEY_PLACEHOLDER, "mk_my-own-key");
        assertEquals(ownKey, LocalInvoke.withDemoApiKey(ownKey, layout));
    }
}
