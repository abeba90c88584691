package cc.marix.reseller.account;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.bench.RequestTap;
import cc.marix.reseller.store.DynamoCallCounter;
import cc.marix.reseller.support.Times;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The warm function's key cache ({@link KeyOwners}) through the HTTP front: its documented bound to the second, that
 * it saves the key's read, and that it never keeps a refusal.
 */
@QuarkusTest
class KeyOwnersTest {

    private static final String ME = "/api/access/me";
    private static final Duration JUST_BEFORE = KeyOwners.TTL.minusSeconds(1);

    @Inject
    TestClock clock;

    @Inject
    UserStore users;

    private String userId;
    private String key;

    @BeforeEach
    void user() {
        TestStack.useHttpFront();
        JsonNode created = Fixtures.admin(Json.object().put("action", "createApiUser")
                .put("email", Fixtures.unique("keycache") + "@example.com"));
        userId = created.path("id").asText();
        key = created.path("apiKey").asText();
    }

    @Test
    void revokedKey_shouldWorkFor59Seconds_andFailAt60_whenTheFunctionHadSeenIt() {
        status(key, 200);
        JsonNode revoked = Fixtures.admin(Json.object().put("action", "revokeApiKey").put("userId", userId)
                .put("keyId", ApiKeys.keyId(key)));
        assertEquals(true, revoked.path("revoked").asBoolean(), revoked.toString());

        clock.advance(JUST_BEFORE);
        status(key, 200);
        clock.advance(Duration.ofSeconds(1));
        status(key, 401);
    }

    @Test
    void revokedKey_shouldFailAtOnce_whenTheFunctionHadNotSeenIt() {
        Fixtures.admin(Json.object().put("action", "revokeApiKey").put("userId", userId)
                .put("keyId", ApiKeys.keyId(key)));
        status(key, 401);
    }

    @Test
    void deactivatedUser_shouldBeServedFor59Seconds_then403_andWorkAtOnceWhenReactivated() {
        status(key, 200);
        setActive(false);
        clock.advance(JUST_BEFORE);
        status(key, 200);
        clock.advance(Duration.ofSeconds(1));
        status(key, 403);
        // a refusal is never kept: reactivation shows on the very next request
        setActive(true);
        status(key, 200);
    }

    @Test
    void unknownKey_shouldWorkAtOnce_whenItIsIssuedRightAfterBeingRefused() {
        String later = ApiKeys.newKey();
        status(later, 401);
        assertTrue(users.addKey(users.find(userId).orElseThrow(), ApiKeys.hash(later), ApiKeys.keyId(later),
                Times.sortable(clock.instant())));
        status(later, 200);
    }

    @Test
    void keyRead_shouldBeConsistent_soARevokeJustBeforeItIsNeverKeptAsActive() {
        List<GetItemRequest> keyReads = RequestTap.record(() -> status(key, 200)).stream()
                .filter(GetItemRequest.class::isInstance).map(GetItemRequest.class::cast)
                .filter(read -> read.key().get("pk").s().startsWith("APIKEY#")).toList();
        assertEquals(1, keyReads.size(), keyReads.toString());
        assertEquals(Boolean.TRUE, keyReads.get(0).consistentRead(), "an eventually consistent read could be cached "
                + "as active for the whole TTL after a revoke");
    }

    @Test
    void cachedKey_shouldCostNoReadOfItsKey() {
        status(key, 200);
        long first = getItems(() -> status(key, 200));
        clock.advance(KeyOwners.TTL);
        long afterExpiry = getItems(() -> status(key, 200));
        assertEquals(afterExpiry - 1, first, "a cached key saves exactly the APIKEY# GetItem");
    }

    @Test
    void aKeysFirstRequest_shouldReadTheKey_onRoutesNoOtherTestOpensWithANewKey() {
        // in AWS each route's function has its own cache, so each reads a key it has not seen (and needs the grant)
        for (String route : List.of("/api/topups/fiat/", "/api/topups/crypto/")) {
            String fresh = Fixtures.admin(Json.object().put("action", "createApiUser")
                    .put("email", Fixtures.unique("keycache") + "@example.com")).path("apiKey").asText();
            long reads = getItems(() -> given().header("Authorization", "Bearer " + fresh).get(route).then()
                    .statusCode(200));
            assertTrue(reads >= 1, route + " read the key");
        }
    }

    @Test
    void manyThreads_shouldSeeTheRevocationTogether_onceTheBoundHasPassed() throws Exception {
        status(key, 200);
        Fixtures.admin(Json.object().put("action", "revokeApiKey").put("userId", userId)
                .put("keyId", ApiKeys.keyId(key)));
        assertEquals(List.of(200), statuses(8));
        clock.advance(KeyOwners.TTL);
        assertEquals(List.of(401), statuses(8));
    }

    /** The distinct statuses {@code threads} concurrent requests with the key got. */
    private List<Integer> statuses(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> given().header("Authorization", "Bearer " + key).get(ME)
                        .statusCode()));
            }
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                int status = answer.get(30, TimeUnit.SECONDS);
                if (!seen.contains(status)) {
                    seen.add(status);
                }
            }
            return seen;
        } finally {
            pool.shutdownNow();
        }
    }

    private void setActive(boolean active) {
        Fixtures.admin(Json.object().put("action", "setUserActive").put("userId", userId).put("active", active));
    }

    private static void status(String apiKey, int expected) {
        given().header("Authorization", "Bearer " + apiKey).get(ME).then().statusCode(expected);
    }

    private static long getItems(Runnable request) {
        long before = DynamoCallCounter.snapshot().getOrDefault("GetItem", 0L);
        request.run();
        return DynamoCallCounter.snapshot().getOrDefault("GetItem", 0L) - before;
    }
}
