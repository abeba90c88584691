package cc.marix.reseller.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.partner.PartnerStore;
import cc.marix.reseller.partner.PartnerUpdate;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Partner signing that expires and can be revoked, over HTTP through the Function URL front, the Lambda runtime API
 * and DynamoDB Local: rotation with a TTL, revocation, the timestamped scheme against the test clock, inactive
 * partners, unknown slugs, and how soon a warm container sees a change made elsewhere.
 */
@QuarkusTest
class PartnerSigningTest {

    /** Room for a loaded machine between moving the clock and the request being verified. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    @Inject
    TestClock clock;

    @Inject
    AppConfig config;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PartnerStore store;

    private Stocked stocked;
    private TestPartner partner;

    @BeforeEach
    void stock() {
        TestStack.useHttpFront();
        stocked = Fixtures.product(10);
        partner = Fixtures.partner(stocked.productId());
    }

    @Test
    void previousSecret_shouldBeAcceptedInsideItsTtl_andRefusedFromItsEnd() {
        String next = newSecret();
        JsonNode rotated = rotate(next, 120);
        assertEquals(2, rotated.path("liveSecrets").asInt());
        assertEquals(1, rotated.path("previousSecretsExpireAt").size());

        order(partner.secret()).then().statusCode(200);
        clock.advance(Duration.ofSeconds(120).minus(SLACK));
        order(partner.secret()).then().statusCode(200);
        order(next).then().statusCode(200);

        clock.advance(SLACK);
        order(partner.secret()).then().statusCode(401).body("error", equalTo("signature_mismatch"));
        order(next).then().statusCode(200);
        assertStock(6);
    }

    @Test
    void previousSecret_shouldBeRefusedAtOnce_whenRotatedWithTtlZero() {
        String next = newSecret();
        JsonNode rotated = rotate(next, 0);
        assertEquals(1, rotated.path("liveSecrets").asInt());
        assertTrue(rotated.path("previousSecretsExpireAt").isMissingNode());

        order(partner.secret()).then().statusCode(401).body("error", equalTo("signature_mismatch"));
        order(next).then().statusCode(200);
        assertStock(9);
    }

    @Test
    void previousSecret_shouldBeRevoked_whenTheSameRotationIsRepeatedWithTtlZero() {
        String next = newSecret();
        rotate(next, 86_400);
        order(partner.secret()).then().statusCode(200);

        assertEquals(1, rotate(next, 0).path("liveSecrets").asInt());
        order(partner.secret()).then().statusCode(401).body("error", equalTo("signature_mismatch"));
        assertStock(9);
    }

    @Test
    void expiredSecret_shouldBeDroppedFromTheItem_byTheNextRotation() {
        String second = newSecret();
        rotate(second, 60);
        clock.advance(Duration.ofSeconds(61));
        assertEquals(2, storedSecrets(), "an expired secret stays on the item until the next write");

        String third = newSecret();
        JsonNode rotated = rotate(third, 60);

        assertEquals(2, rotated.path("liveSecrets").asInt());
        assertEquals(2, storedSecrets());
        order(partner.secret()).then().statusCode(401).body("error", equalTo("signature_mismatch"));
        order(second).then().statusCode(200);
        order(third).then().statusCode(200);
    }

    @Test
    void timestamped_shouldDeliver_whenSignedOverTimestampAndBody() {
        useTimestamped();
        byte[] body = body();
        long now = clock.instant().getEpochSecond();

        Response response = post(partner.slug(), body, PartnerSignature.signTimestamped(partner.secret(), now, body),
                Long.toString(now));

        response.then().statusCode(200).body("status", equalTo("fulfilled"));
        assertTrue(stocked.codes().contains(response.<String>path("payload.value")));
        assertStock(9);
    }

    @Test
    void timestamped_shouldAcceptInsideTheWindow_andRefuseStaleAndFutureOnes() {
        useTimestamped();
        long signedAt = clock.instant().getEpochSecond();
        byte[] early = body();
        byte[] late = body();
        String earlySignature = PartnerSignature.signTimestamped(partner.secret(), signedAt, early);
        String lateSignature = PartnerSignature.signTimestamped(partner.secret(), signedAt, late);

        clock.advance(Duration.ofSeconds(300).minus(SLACK));
        post(partner.slug(), early, earlySignature, Long.toString(signedAt)).then().statusCode(200);
        clock.advance(SLACK.plusSeconds(SLACK.toSeconds()));
        post(partner.slug(), late, lateSignature, Long.toString(signedAt)).then().statusCode(401)
                .body("error", equalTo("signature_timestamp"));

        long now = clock.instant().getEpochSecond();
        long nearFuture = now + 300 - SLACK.toSeconds();
        long farFuture = now + 300 + SLACK.toSeconds();
        byte[] ahead = body();
        post(partner.slug(), ahead, PartnerSignature.signTimestamped(partner.secret(), farFuture, ahead),
                Long.toString(farFuture)).then().statusCode(401).body("error", equalTo("signature_timestamp"));
        post(partner.slug(), ahead, PartnerSignature.signTimestamped(partner.secret(), nearFuture, ahead),
                Long.toString(nearFuture)).then().statusCode(200);
        assertStock(8);
    }

    @Test
    void timestamped_shouldRefuseMissingAndMalformedTimestamps_andBodyOnlySignatures() {
        useTimestamped();
        byte[] body = body();
        long now = clock.instant().getEpochSecond();
        String signature = PartnerSignature.signTimestamped(partner.secret(), now, body);

        // a signature over a timestamp sent otherwise is a mismatch: only a signed request learns about its timestamp
        post(partner.slug(), body, signature, null).then().statusCode(401)
                .body("error", equalTo("signature_mismatch"));
        post(partner.slug(), body, PartnerSignature.signTimestamped(partner.secret(), "", body), null)
                .then().statusCode(401).body("error", equalTo("signature_timestamp_missing"));
        post(partner.slug(), body, PartnerSignature.signTimestamped(partner.secret(), now + "000", body),
                now + "000").then().statusCode(401).body("error", equalTo("signature_timestamp_malformed"));
        post(partner.slug(), body, PartnerSignature.signTimestamped(partner.secret(), "-" + now, body),
                "-" + now).then().statusCode(401).body("error", equalTo("signature_timestamp_malformed"));
        post(partner.slug(), body, PartnerSignature.sign(partner.secret(), body), Long.toString(now))
                .then().statusCode(401).body("error", equalTo("signature_mismatch"));
        post(partner.slug(), body, signature, Long.toString(now + 1)).then().statusCode(401)
                .body("error", equalTo("signature_mismatch"));
        assertStock(10);
    }

    @Test
    void inactivePartner_shouldGet403_andClaimNothing_untilActiveAgain() {
        JsonNode updated = update(Json.object().put("active", false));
        assertFalse(updated.path("active").asBoolean(true));
        String externalOrderId = Fixtures.unique("OFF");
        byte[] body = Notifications.bytes(Notifications.orderPaid(externalOrderId, stocked.productId(), 1));

        post(partner.slug(), body, PartnerSignature.sign(partner.secret(), body), null).then().statusCode(403)
                .body("error", equalTo("partner_inactive"));
        post(partner.slug(), body, PartnerSignature.sign(newSecret(), body), null).then().statusCode(401)
                .body("error", equalTo("signature_mismatch"));
        assertStock(10);
        assertTrue(item("PEXT#" + partner.slug() + "#" + externalOrderId, "PEXT").isEmpty());

        update(Json.object().put("active", true));
        post(partner.slug(), body, PartnerSignature.sign(partner.secret(), body), null).then().statusCode(200);
        assertStock(9);
    }

    @Test
    void unknownSlug_shouldAnswerExactlyWhatAWrongSignatureAnswers() {
        byte[] body = body();
        String forged = PartnerSignature.sign(newSecret(), body);
        Response wrongSignature = post(partner.slug(), body, forged, null);
        wrongSignature.then().statusCode(401);

        for (String slug : new String[] { "no-such-partner-" + UUID.randomUUID(), "Bad_Slug", "a".repeat(3000) }) {
            Response unknown = post(slug, body, forged, null);
            assertEquals(401, unknown.statusCode(), slug);
            assertEquals(wrongSignature.asString(), unknown.asString(), slug);
            assertEquals(wrongSignature.contentType(), unknown.contentType());
        }
        Response missing = post(partner.slug(), body, null, null);
        Response unknownMissing = post("no-such-partner", body, null, null);
        assertEquals(missing.asString(), unknownMissing.asString());
        assertEquals("signature_missing", unknownMissing.path("error"));
        Response malformed = post(partner.slug(), body, "not-hex", null);
        assertEquals(malformed.asString(), post("no-such-partner", body, "not-hex", null).asString());
        assertStock(10);
    }

    @Test
    void timestampedPartner_shouldAnswerAProbeWithoutTimestamp_asAnUnknownSlugDoes() {
        useTimestamped();
        byte[] body = body();
        String forged = PartnerSignature.sign(newSecret(), body);
        Response known = post(partner.slug(), body, forged, null);
        Response unknown = post("no-such-partner-" + UUID.randomUUID(), body, forged, null);
        assertEquals(401, known.statusCode());
        assertEquals(unknown.asString(), known.asString());
        assertEquals(unknown.asString(), post(partner.slug(), body, forged, "abc").asString());
        assertStock(10);
    }

    @Test
    void deactivationElsewhere_shouldTakeEffect_whenTheCacheTtlHasPassed() {
        order(partner.secret()).then().statusCode(200);
        // another container's admin function: its PartnerDirectory is not this one's
        store.update(partner.slug(), new PartnerUpdate(false, null, null));

        order(partner.secret()).then().statusCode(200);
        clock.advance(config.partner().cacheTtl());
        order(partner.secret()).then().statusCode(403).body("error", equalTo("partner_inactive"));
        assertStock(8);
    }

    @Test
    void revocationElsewhere_shouldTakeEffect_whenTheCacheTtlHasPassed() {
        order(partner.secret()).then().statusCode(200);
        String next = newSecret();
        store.rotateSecret(partner.slug(), next, Duration.ZERO, clock.instant());

        order(partner.secret()).then().statusCode(200);
        clock.advance(config.partner().cacheTtl());
        order(partner.secret()).then().statusCode(401).body("error", equalTo("signature_mismatch"));
        order(next).then().statusCode(200);
        assertStock(7);
    }

    private JsonNode rotate(String secret, int previousSecretTtlSeconds) {
        JsonNode answer = Fixtures.admin(Json.object().put("action", "rotatePartnerSecret").put("slug", partner.slug())
                .put("secret", secret).put("previousSecretTtlSeconds", previousSecretTtlSeconds));
        assertEquals(partner.slug(), answer.path("slug").asText(), answer.toString());
        return answer;
    }

    private JsonNode update(ObjectNode settings) {
        JsonNode answer = Fixtures.admin(settings.put("action", "updatePartner").put("slug", partner.slug()));
        assertEquals(partner.slug(), answer.path("slug").asText(), answer.toString());
        return answer;
    }

    private void useTimestamped() {
        assertEquals("timestamped",
                update(Json.object().put("signatureScheme", "timestamped")).path("signatureScheme").asText());
    }

    private Response order(String secret) {
        byte[] body = body();
        return post(partner.slug(), body, PartnerSignature.sign(secret, body), null);
    }

    private byte[] body() {
        return Notifications.bytes(Notifications.orderPaid(Fixtures.unique("SIGN"), stocked.productId(), 1));
    }

    private int storedSecrets() {
        return item("PARTNER#" + partner.slug(), "PARTNER").get("secrets").l().size();
    }

    private void assertStock(long available) {
        assertEquals(available, Fixtures.stock(stocked.productId()).path("available").asLong(), "available");
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(GetItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key(pk, sk)).consistentRead(true).build()).item();
    }

    private static String newSecret() {
        return "secret-" + UUID.randomUUID();
    }

    private static Response post(String slug, byte[] body, String signature, String timestamp) {
        var request = given().contentType("application/json").body(body).header("X-Event-Id",
                UUID.randomUUID().toString());
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        if (timestamp != null) {
            request.header("X-Timestamp", timestamp);
        }
        return request.when().post(Notifications.path(slug)).andReturn();
    }
}
