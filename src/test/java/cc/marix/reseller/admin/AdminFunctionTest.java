package cc.marix.reseller.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;

/** Admin events as the console sends them: raw JSON through the Lambda runtime API into the function. */
@QuarkusTest
class AdminFunctionTest {

    @Test
    void unknownOrMissingAction_shouldAnswerAnErrorObject() {
        JsonNode unknown = admin("{\"action\":\"dropTable\"}");
        assertEquals("unknown_action", unknown.path("error").asText());
        assertTrue(unknown.path("message").asText().contains("createPartner"));
        // Tests serve every function in one process, where an event without "action" is no admin event at all;
        // deployed as the admin function it is unknown_action (AdminFunctionIsolationTest).
        assertEquals("unsupported_event", admin("{\"slug\":\"x\"}").path("error").asText());
        assertEquals("unknown_action", admin("{\"action\":42}").path("error").asText());
    }

    @Test
    void nonObjectEvents_shouldAnswerAnErrorObject_notATrace() {
        for (String event : List.of("[]", "\"createPartner\"", "17", "null")) {
            JsonNode answer = admin(event);
            assertFalse(answer.path("error").asText().isEmpty(), event + " -> " + answer);
            assertFalse(answer.toString().contains("Exception"), answer.toString());
        }
    }

    @Test
    void createPartner_shouldCreateOnce_andNeverEchoSecrets() {
        Stocked stocked = Fixtures.product(0);
        String slug = Fixtures.unique("acme");
        String secret = "s3cret-" + UUID.randomUUID();
        ObjectNode event = Json.object().put("action", "createPartner").put("slug", slug);
        event.putArray("secrets").add(secret);
        event.putArray("productIds").add(stocked.productId());

        JsonNode created = Fixtures.admin(event);
        assertEquals(slug, created.path("slug").asText());
        assertEquals(1, created.path("liveSecrets").asInt());
        assertEquals(stocked.productId(), created.path("productIds").path(0).asText());
        assertFalse(created.toString().contains(secret));

        assertEquals("partner_exists", Fixtures.admin(event).path("error").asText());
    }

    @Test
    void createPartner_shouldRefuseWeakSecrets_badSlugs_andUnknownProducts() {
        ObjectNode event = Json.object().put("action", "createPartner").put("slug", "Not A Slug");
        event.putArray("secrets").add("short");
        JsonNode answer = Fixtures.admin(event);
        assertEquals("validation_error", answer.path("error").asText());
        assertTrue(types(answer).contains("string_pattern_mismatch"));
        assertTrue(types(answer).contains("secret_too_weak"));

        ObjectNode unknownProduct = Json.object().put("action", "createPartner").put("slug", Fixtures.unique("p"));
        unknownProduct.putArray("secrets").add("s3cret-" + UUID.randomUUID());
        unknownProduct.putArray("productIds").add(UUID.randomUUID().toString());
        assertTrue(types(Fixtures.admin(unknownProduct)).contains("unknown_product"));

        ObjectNode noSecrets = Json.object().put("action", "createPartner").put("slug", Fixtures.unique("p"));
        assertTrue(types(Fixtures.admin(noSecrets)).contains("missing"));
    }

    @Test
    void rotatePartnerSecret_shouldKeepAtMostThreeLive_andMoveTheVersionOn() {
        Fixtures.TestPartner partner = Fixtures.partner();
        for (int i = 0; i < 3; i++) {
            JsonNode rotated = rotate(partner.slug(), "rotated-" + i + "-" + UUID.randomUUID(), null);
            assertEquals(Math.min(2 + i, 3), rotated.path("liveSecrets").asInt());
            assertEquals(Math.min(1 + i, 2), rotated.path("previousSecretsExpireAt").size());
            assertEquals(2 + i, rotated.path("version").asInt());
        }
        assertEquals("unknown_partner",
                rotate("nobody-here", "rotated-" + UUID.randomUUID(), null).path("error").asText());
    }

    @Test
    void rotatePartnerSecret_shouldRefuseTtlsOutOfBounds() {
        Fixtures.TestPartner partner = Fixtures.partner();
        String secret = "rotated-" + UUID.randomUUID();
        ObjectNode event = Json.object().put("action", "rotatePartnerSecret").put("slug", partner.slug())
                .put("secret", secret);

        assertEquals(List.of("greater_than_equal"), types(Fixtures.admin(event.put("previousSecretTtlSeconds", -1))));
        assertEquals(List.of("less_than_equal"),
                types(Fixtures.admin(event.put("previousSecretTtlSeconds", 2_592_001))));
        assertEquals(List.of("int_type"), types(Fixtures.admin(event.put("previousSecretTtlSeconds", "60"))));
        assertEquals(List.of("int_type"), types(Fixtures.admin(event.put("previousSecretTtlSeconds", 1.5))));
        assertEquals(1, Fixtures.admin(Json.object().put("action", "updatePartner").put("slug", partner.slug())
                .put("active", true)).path("version").asInt() - 1, "nothing was rotated");

        JsonNode longest = Fixtures.admin(event.put("previousSecretTtlSeconds", 2_592_000));
        assertEquals(2, longest.path("liveSecrets").asInt(), longest.toString());
    }

    @Test
    void rotatePartnerSecret_shouldRefuseASecretThePartnerUsedBefore() {
        Fixtures.TestPartner partner = Fixtures.partner();
        rotate(partner.slug(), "rotated-" + UUID.randomUUID(), null);

        JsonNode reused = rotate(partner.slug(), partner.secret(), null);

        assertEquals("validation_error", reused.path("error").asText());
        assertEquals(List.of("secret_reused"), types(reused));
        assertFalse(reused.toString().contains(partner.secret()));
    }

    @Test
    void createPartner_shouldTakeActiveAndSignatureScheme_defaultingToActiveAndBody() {
        ObjectNode plain = Json.object().put("action", "createPartner").put("slug", Fixtures.unique("plain"));
        plain.putArray("secrets").add("s3cret-" + UUID.randomUUID());
        JsonNode defaults = Fixtures.admin(plain);
        assertTrue(defaults.path("active").asBoolean(), defaults.toString());
        assertEquals("body", defaults.path("signatureScheme").asText());

        ObjectNode event = Json.object().put("action", "createPartner").put("slug", Fixtures.unique("ts"))
                .put("active", false).put("signatureScheme", "timestamped");
        event.putArray("secrets").add("s3cret-" + UUID.randomUUID());
        JsonNode created = Fixtures.admin(event);
        assertFalse(created.path("active").asBoolean(true), created.toString());
        assertEquals("timestamped", created.path("signatureScheme").asText());

        ObjectNode wrong = Json.object().put("action", "createPartner").put("slug", Fixtures.unique("ts"))
                .put("signatureScheme", "query").put("active", "yes");
        wrong.putArray("secrets").add("s3cret-" + UUID.randomUUID());
        assertEquals(List.of("bool_type", "literal_error"), types(Fixtures.admin(wrong)).stream().sorted().toList());
    }

    @Test
    void updatePartner_shouldChangeOnlyWhatIsGiven() {
        Stocked first = Fixtures.product(0);
        Stocked second = Fixtures.product(0);
        Fixtures.TestPartner partner = Fixtures.partner(first.productId());

        JsonNode scheme = update(partner.slug(), Json.object().put("signatureScheme", "timestamped"));
        assertEquals("timestamped", scheme.path("signatureScheme").asText());
        assertEquals(List.of(first.productId()), strings(scheme.path("productIds")));
        assertTrue(scheme.path("active").asBoolean());
        assertEquals(2, scheme.path("version").asInt());

        ObjectNode replace = Json.object().put("active", false);
        replace.putArray("productIds").add(second.productId());
        JsonNode replaced = update(partner.slug(), replace);
        assertEquals(List.of(second.productId()), strings(replaced.path("productIds")));
        assertFalse(replaced.path("active").asBoolean(true));
        assertEquals("timestamped", replaced.path("signatureScheme").asText());
        assertEquals(1, replaced.path("liveSecrets").asInt());
        assertFalse(replaced.toString().contains(partner.secret()));

        ObjectNode none = Json.object();
        none.putArray("productIds");
        assertEquals(List.of(), strings(update(partner.slug(), none).path("productIds")));
    }

    @Test
    void updatePartner_shouldRefuseBadInput_andUnknownPartners() {
        Fixtures.TestPartner partner = Fixtures.partner();

        assertEquals(List.of("missing"), types(update(partner.slug(), Json.object())));
        assertEquals(List.of("literal_error"),
                types(update(partner.slug(), Json.object().put("signatureScheme", "Body"))));
        assertEquals(List.of("bool_type"), types(update(partner.slug(), Json.object().put("active", "false"))));
        ObjectNode unknownProduct = Json.object();
        unknownProduct.putArray("productIds").add(UUID.randomUUID().toString());
        assertEquals(List.of("unknown_product"), types(update(partner.slug(), unknownProduct)));
        assertEquals(List.of("string_pattern_mismatch"),
                types(update("Not A Slug", Json.object().put("active", true))));
        assertEquals("unknown_partner",
                update("nobody-" + UUID.randomUUID(), Json.object().put("active", false)).path("error").asText());
        assertEquals(1, update(partner.slug(), Json.object().put("active", true)).path("version").asInt() - 1,
                "no refused update was written");
    }

    private static JsonNode rotate(String slug, String secret, Integer ttlSeconds) {
        ObjectNode event = Json.object().put("action", "rotatePartnerSecret").put("slug", slug).put("secret", secret);
        if (ttlSeconds != null) {
            event.put("previousSecretTtlSeconds", ttlSeconds);
        }
        return Fixtures.admin(event);
    }

    private static JsonNode update(String slug, ObjectNode settings) {
        return Fixtures.admin(settings.put("action", "updatePartner").put("slug", slug));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void importCatalog_shouldUpdateOnReimport_neverDuplicate() {
        String slug = Fixtures.unique("cat");
        ObjectNode event = Json.object().put("action", "importCatalog");
        event.putArray("categories").addObject().put("slug", slug).put("name", "Игры");
        ObjectNode product = event.putArray("products").addObject()
                .put("slug", slug + "-key").put("categoryId", slug).put("price", "10.50");
        product.putObject("name").put("ru", "Ключ").put("en", "Key");

        JsonNode first = Fixtures.admin(event);
        JsonNode again = Fixtures.admin(event);

        assertEquals("created", first.path("products").path(0).path("result").asText());
        assertEquals("updated", again.path("products").path(0).path("result").asText());
        assertEquals(first.path("products").path(0).path("id"), again.path("products").path(0).path("id"));
        assertEquals(first.path("categories").path(0).path("id"), again.path("categories").path(0).path("id"));
        assertEquals(7, UUID.fromString(first.path("products").path(0).path("id").asText()).version());
    }

    @Test
    void importCatalog_shouldRefuseASlugTakenByAnotherEntry() {
        String slug = Fixtures.unique("taken");
        ObjectNode event = Json.object().put("action", "importCatalog");
        event.putArray("categories").addObject().put("slug", slug).put("name", "Один");
        Fixtures.admin(event);

        ObjectNode clash = Json.object().put("action", "importCatalog");
        clash.putArray("categories").addObject().put("id", UUID.randomUUID().toString()).put("slug", slug)
                .put("name", "Два");
        assertEquals("slug_taken", Fixtures.admin(clash).path("categories").path(0).path("result").asText());
    }

    @Test
    void importCatalog_shouldReportEveryInvalidField() {
        ObjectNode event = Json.object().put("action", "importCatalog");
        event.putArray("products").addObject().put("slug", "BAD SLUG").put("price", "-1").put("currency", "eur")
                .put("categoryId", Fixtures.unique("missing-category"));
        event.withArray("products").addObject().put("slug", "huge-price").put("price", "1e2147483647")
                .put("name", "x").put("categoryId", "x");
        JsonNode answer = Fixtures.admin(event);
        assertEquals("validation_error", answer.path("error").asText());
        List<String> types = types(answer);
        assertTrue(types.containsAll(List.of("string_pattern_mismatch", "greater_than_equal", "literal_error",
                "missing", "unknown_category", "decimal_max_places")), types.toString());
    }

    @Test
    void importCatalog_shouldRefuseAZeroPrice_andImportNothingOfIt() {
        String slug = Fixtures.unique("free");
        for (String price : List.of("0", "0.00")) {
            ObjectNode event = Json.object().put("action", "importCatalog");
            event.putArray("categories").addObject().put("slug", slug).put("name", "Бесплатное");
            event.putArray("products").addObject().put("slug", slug + "-item").put("price", price)
                    .put("name", "x").put("categoryId", slug);

            JsonNode answer = Fixtures.admin(event);

            assertEquals("validation_error", answer.path("error").asText(), answer.toString());
            JsonNode violation = answer.path("detail").path(0);
            assertEquals("greater_than", violation.path("type").asText(), answer.toString());
            assertEquals("[\"products\",0,\"price\"]", violation.path("loc").toString());
            assertEquals(0, violation.path("ctx").path("gt").asInt(-1));
        }
        // nothing of a refused import is written, not even its valid category
        TestStack.useHttpFront();
        String key = Catalogs.apiKey();
        Catalogs.as(key).get("/api/products/" + slug + "-item").then().statusCode(404);
        Catalogs.as(key).get("/api/categories/" + slug).then().statusCode(404);
    }

    @Test
    void importCodes_shouldStoreEachValueOnce() {
        Stocked stocked = Fixtures.product(0);
        List<String> values = List.of("A-" + UUID.randomUUID(), "B-" + UUID.randomUUID(), "C-" + UUID.randomUUID());

        JsonNode first = Fixtures.addCodes(stocked.productId(), List.of(values.get(0), values.get(1), values.get(0)));
        assertEquals(2, first.path("imported").asInt());
        assertEquals(1, first.path("duplicates").asInt());

        JsonNode second = Fixtures.addCodes(stocked.productId(), values);
        assertEquals(1, second.path("imported").asInt());
        assertEquals(2, second.path("duplicates").asInt());

        Stocked other = Fixtures.product(0);
        JsonNode elsewhere = Fixtures.addCodes(other.productId(), List.of(values.get(2)));
        assertEquals(0, elsewhere.path("imported").asInt(), "a value stocked for any product is not stocked again");

        JsonNode report = Fixtures.stock(stocked.productId());
        assertEquals(3, report.path("available").asLong());
        assertEquals(0, report.path("delivered").asLong());
    }

    @Test
    void importCodes_shouldImportMoreThanOneTransactionHolds() {
        Stocked stocked = Fixtures.product(0);
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            values.add("BULK-" + UUID.randomUUID());
        }
        assertEquals(120, Fixtures.addCodes(stocked.productId(), values).path("imported").asInt());
        assertEquals(120, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void importCodes_shouldRefuseBadCodes_andUnknownProducts() {
        Stocked stocked = Fixtures.product(0);
        ObjectNode event = Json.object().put("action", "importCodes").put("productId", stocked.productId());
        event.putArray("codes").addObject().put("type", "voucher").put("value", "X");
        assertTrue(types(Fixtures.admin(event)).contains("literal_error"));

        ObjectNode tooLong = Json.object().put("action", "importCodes").put("productId", stocked.productId());
        tooLong.putArray("codes").addObject().put("type", "text").put("value", "Ж".repeat(513));
        assertTrue(types(Fixtures.admin(tooLong)).contains("string_too_long"), "1026 bytes of UTF-8 is too long");

        ObjectNode empty = Json.object().put("action", "importCodes").put("productId", stocked.productId());
        empty.putArray("codes");
        assertEquals("validation_error", Fixtures.admin(empty).path("error").asText());

        assertEquals("unknown_product",
                Fixtures.addCodes(UUID.randomUUID().toString(), List.of("Z-" + UUID.randomUUID())).path("error")
                        .asText());
        assertEquals(0, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void stockReport_shouldAnswer404_forUnknownProducts() {
        assertEquals("unknown_product", Fixtures.stock(UUID.randomUUID().toString()).path("error").asText());
    }

    private static JsonNode admin(String event) {
        return Json.parse(TestStack.invoke(event));
    }

    private static List<String> types(JsonNode answer) {
        List<String> types = new java.util.ArrayList<>();
        answer.path("detail").forEach(violation -> types.add(violation.path("type").asText()));
        return types;
    }
}
