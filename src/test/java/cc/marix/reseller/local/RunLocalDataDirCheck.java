package cc.marix.reseller.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.local.RunLocalSmokeCheck.RunLocalProcess;

/**
 * run-local with {@code DATA_DIR}, stopped (as Ctrl-C stops it) and started again on the same directory: the second
 * run serves the first one's orders, balance and stock with the same demo API key (in its demo.env too), and its
 * seeding adds nothing (no codes, no products, no second user). With the kept key's file gone, the same user is
 * given a new key.
 * <p>
 * Not a {@code *Test}: like RunLocalSmokeCheck it needs the packaged function, so the pom runs it in the verify phase
 * (execution {@code run-local-smoke}); alone: {@code mvn package -DskipTests} first, then
 * {@code mvn -q surefire:test -Dtest=RunLocalDataDirCheck}.
 */
class RunLocalDataDirCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void restart_onTheSameDataDir_shouldKeepOrdersBalanceStockAndKey_andSeedNothingTwice() throws Exception {
        Map<String, String> first;
        Map<String, JsonNode> before;
        try (RunLocalProcess stack = RunLocalProcess.start(Map.of("DATA_DIR", data.toString()))) {
            first = values(stack.demoEnv());
            // a signed partner order, its replay, the catalog, a sandbox order and one paid at the Tribute sandbox
            assertEquals(0, stack.smoke(stack.demoEnv()).exit(), "the first run's smoke check");
            before = state(first);
        }
        assertTrue(before.get("orders").path("items").size() >= 2, before.get("orders").toString());
        assertTrue(before.get("product").path("quantity").asLong() < DemoData.CODES, before.get("product").toString());
        Path keyFile = data.resolve(DemoApiKey.FILE);
        assertEquals(first.get("API_KEY"), Files.readString(keyFile, StandardCharsets.UTF_8).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));

        try (RunLocalProcess again = RunLocalProcess.start(Map.of("DATA_DIR", data.toString()))) {
            Map<String, String> second = values(again.demoEnv());
            assertEquals(first.get("API_KEY"), second.get("API_KEY"), "demo.env names the kept key");
            Map<String, JsonNode> after = state(second);
            assertEquals(before, after, "the same orders, balances, stock and catalog after seeding again");
            String log = again.log();
            assertTrue(log.contains("\"imported\":0,\"duplicates\":" + DemoData.CODES), "importCodes added none");
            assertTrue(log.contains("its key as kept in " + keyFile), "the demo user was not created again");
        }

        Files.delete(keyFile);
        try (RunLocalProcess keyLost = RunLocalProcess.start(Map.of("DATA_DIR", data.toString()))) {
            Map<String, String> third = values(keyLost.demoEnv());
            assertNotEquals(first.get("API_KEY"), third.get("API_KEY"), "the lost key cannot be derived again");
            assertEquals(third.get("API_KEY"), Files.readString(keyFile, StandardCharsets.UTF_8).trim());
            assertEquals(before.get("orders"), json(third, "/api/orders/?limit=100"), "a new key of the same user");
        }
    }

    /** What a run shows through the public API with the demo key: orders, balances, the demo product, categories. */
    private static Map<String, JsonNode> state(Map<String, String> env) throws Exception {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        state.put("orders", json(env, "/api/orders/?limit=100"));
        state.put("balances", json(env, "/api/access/me/balances/"));
        state.put("product", json(env, "/api/products/" + DemoData.PRODUCT_SLUG));
        state.put("categories", json(env, "/api/categories/"));
        state.put("products", json(env, "/api/products/?category_id_or_slug=games"));
        return state;
    }

    private static JsonNode json(Map<String, String> env, String path) throws Exception {
        HttpResponse<String> response = get(env, path, env.get("API_KEY"));
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(Map<String, String> env, String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(env.get("BASE_URL") + path))
                .header("Authorization", "Bearer " + key).header("x-language", "en")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> values(Path demoEnv) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(demoEnv, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }
}
