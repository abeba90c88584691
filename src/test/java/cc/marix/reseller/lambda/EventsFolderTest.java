package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs every ready event of src/test/resources/events through the Lambda runtime, in the order an operator would
 * (catalog, codes, partner, then the partner's notifications), and checks what each one answers. A new event file
 * fails this test until it is given an expectation here.
 */
@QuarkusTest
class EventsFolderTest {

    private static final Path EVENTS = Path.of("src/test/resources/events");

    /** File -> what its answer must show: an HTTP status for HTTP events, a field for admin answers. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("admin/import-catalog.json", "products");
        EXPECTED.put("admin/import-codes.json", "imported");
        EXPECTED.put("admin/create-partner.json", "slug");
        EXPECTED.put("admin/create-api-user.json", "apiKey");
        EXPECTED.put("admin/adjust-balance.json", "entryId");
        EXPECTED.put("access-me/get.json", "401");
        EXPECTED.put("access-balances/get.json", "401");
        EXPECTED.put("admin/stock-report.json", "available");
        EXPECTED.put("admin/set-low-stock-threshold.json", "threshold");
        EXPECTED.put("admin/file-stock-watch.json", "filed");
        EXPECTED.put("admin/set-rate.json", "rate");
        EXPECTED.put("categories-list/get.json", "401");
        EXPECTED.put("category-get/get.json", "401");
        EXPECTED.put("products-list/get.json", "401");
        EXPECTED.put("products-search/get.json", "401");
        EXPECTED.put("product-get/get.json", "401");
        EXPECTED.put("admin/rotate-partner-secret.json", "liveSecrets");
        // the demo secret that signs the notifications below stays live: the TTL only shortens its day to an hour
        EXPECTED.put("admin/rotate-partner-secret-ttl.json", "previousSecretsExpireAt");
        EXPECTED.put("admin/update-partner.json", "signatureScheme");
        EXPECTED.put("partner-webhook/sync.json", "200");
        EXPECTED.put("partner-webhook/bad-signature.json", "401");
        EXPECTED.put("partner-webhook/email.json", "202");
        EXPECTED.put("admin/order-status.json", "events");
        EXPECTED.put("delivery-worker/new-email-order.json", "batchItemFailures");
        EXPECTED.put("delivery-retry/schedule.json", "due");
        EXPECTED.put("admin/replay-callback.json", "outcome");
        EXPECTED.put("orders-list/get.json", "401");
        EXPECTED.put("order-create/post.json", "401");
        EXPECTED.put("order-get/get.json", "401");
        EXPECTED.put("order-pay/post.json", "401");
        EXPECTED.put("order-expiry/schedule.json", "expired");
        EXPECTED.put("topup-rates/get.json", "401");
        EXPECTED.put("fiat-topups-list/get.json", "401");
        EXPECTED.put("fiat-topup-create/post.json", "401");
        EXPECTED.put("fiat-topup-get/get.json", "401");
        EXPECTED.put("tribute-webhook/paid.json", "200");
        EXPECTED.put("tribute-webhook/bad-signature.json", "401");
        EXPECTED.put("payment-reconcile/schedule.json", "due");
        EXPECTED.put("crypto-chains/get.json", "401");
        EXPECTED.put("crypto-topups-list/get.json", "401");
        EXPECTED.put("crypto-topup-create/post.json", "401");
        EXPECTED.put("crypto-topup-get/get.json", "401");
        EXPECTED.put("webhook-endpoints-list/get.json", "401");
        EXPECTED.put("webhook-endpoint-create/post.json", "401");
        EXPECTED.put("webhook-endpoint-delete/delete.json", "401");
        EXPECTED.put("webhook-endpoint-rotate/post.json", "401");
        EXPECTED.put("webhook-endpoint-replay/post.json", "401");
        EXPECTED.put("openapi-document/get.json", "200");
        EXPECTED.put("delivery-worker/balance-changed.json", "batchItemFailures");
        EXPECTED.put("admin/replay-webhooks.json", "replayed");
        EXPECTED.put("exchanger-ipn/ipn.json", "401");
        EXPECTED.put("merchant-callback/success.json", "401");
        // its order id is a placeholder, like the API events' key: the answer names what is missing
        EXPECTED.put("admin/mark-order-paid.json", "error=order_not_found");
    }

    @Test
    void everyEventFile_shouldRunThroughItsFunction() throws IOException {
        assertEquals(new TreeSet<>(EXPECTED.keySet()), eventFiles());
        for (Map.Entry<String, String> expected : EXPECTED.entrySet()) {
            String event = Files.readString(EVENTS.resolve(expected.getKey()), StandardCharsets.UTF_8);
            JsonNode answer = Json.parse(TestStack.invoke(event));
            if (expected.getValue().startsWith("error=")) {
                assertEquals(expected.getValue().substring("error=".length()), answer.path("error").asText(),
                        expected.getKey() + " -> " + answer);
            } else if (expected.getValue().matches("\\d{3}")) {
                assertEquals(Integer.parseInt(expected.getValue()), answer.path("statusCode").asInt(),
                        expected.getKey() + " -> " + answer);
            } else {
                assertTrue(answer.has(expected.getValue()), expected.getKey() + " -> " + answer);
                assertFalse(answer.has("error"),
                        expected.getKey() + " -> " + answer);
            }
        }
    }

    private static Set<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EVENTS)) {
            // README.md says what each event needs; the events are the JSON files
            return files.filter(Files::isRegularFile).filter(path -> path.toString().endsWith(".json"))
                    .map(path -> EVENTS.relativize(path).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
