package cc.marix.reseller.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.local.LambdaInvocationException;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.FaultInjector;
import cc.marix.reseller.store.FaultKind;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** API keys, the profile and balances, through the HTTP API front and DynamoDB Local. */
@QuarkusTest
class AccessApiTest {

    private static final List<String> ROUTES = List.of("/api/access/me", "/api/access/me/balances/");

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    BalanceStore balances;

    @Inject
    Ids ids;

    @Inject
    TestClock clock;

    private String userId;
    private String key;

    @BeforeEach
    void user() {
        TestStack.useHttpFront();
        JsonNode created = Fixtures.admin(Json.object().put("action", "createApiUser")
                .put("email", Fixtures.unique("reseller") + "@example.com").put("firstName", "Иван")
                .put("wholesaleTier", "tier_2"));
        userId = created.path("id").asText();
        key = created.path("apiKey").asText();
        assertTrue(ApiKeys.wellFormed(key), created.toString());
    }

    @Test
    void me_shouldAnswerEveryFieldOfTheSeed() {
        as(key).get("/api/access/me").then().statusCode(200)
                .body("id", equalTo(userId))
                .body("firstName", equalTo("Иван"))
                .body("isActive", equalTo(true))
                .body("isSuper", equalTo(false))
                .body("wholesaleTier", equalTo("tier_2"))
                .body("referralPercentage", equalTo("0"))
                .body("$", org.hamcrest.Matchers.hasKey("telegramId"))
                .body("$", org.hamcrest.Matchers.hasKey("bybitUid"));
    }

    @Test
    void everyRoute_shouldAnswer401_forMissingMalformedOrUnknownKeys() {
        for (String route : ROUTES) {
            given().when().get(route).then().statusCode(401).body("error", equalTo("invalid_api_key"));
            given().header("Authorization", key).when().get(route).then().statusCode(401);
            given().header("Authorization", "Basic " + key).when().get(route).then().statusCode(401);
            as("mk_short").get(route).then().statusCode(401).body("error", equalTo("invalid_api_key"));
            as(ApiKeys.newKey()).get(route).then().statusCode(401).body("error", equalTo("invalid_api_key"));
        }
    }

    @Test
    void everyRoute_shouldAnswer403_whileTheUserIsInactive_andWorkAgainAfter() {
        admin(Json.object().put("action", "setUserActive").put("userId", userId).put("active", false));
        // a warm function trusts a key's owner it has seen for KeyOwners.TTL: the change shows once that has passed
        clock.advance(KeyOwners.TTL);
        for (String route : ROUTES) {
            as(key).get(route).then().statusCode(403).body("error", equalTo("user_inactive"));
        }
        String issuedWhileInactive = admin(Json.object().put("action", "issueApiKey").put("userId", userId))
                .path("apiKey").asText();
        as(issuedWhileInactive).get("/api/access/me").then().statusCode(403);

        admin(Json.object().put("action", "setUserActive").put("userId", userId).put("active", true));
        for (String route : ROUTES) {
            as(key).get(route).then().statusCode(200);
        }
        as(issuedWhileInactive).get("/api/access/me").then().statusCode(200);
    }

    @Test
    void revokedKey_shouldStopWorking_andOtherKeysShouldNot() {
        JsonNode second = admin(Json.object().put("action", "issueApiKey").put("userId", userId));
        String secondKey = second.path("apiKey").asText();
        as(secondKey).get("/api/access/me").then().statusCode(200);

        JsonNode revoked = admin(Json.object().put("action", "revokeApiKey").put("userId", userId)
                .put("keyId", ApiKeys.keyId(key)));
        assertEquals(true, revoked.path("revoked").asBoolean());
        // a warm function trusts a key's owner it has seen for KeyOwners.TTL: the change shows once that has passed
        clock.advance(KeyOwners.TTL);
        as(key).get("/api/access/me").then().statusCode(401);
        as(secondKey).get("/api/access/me").then().statusCode(200);
        assertEquals("unknown_key", admin(Json.object().put("action", "revokeApiKey").put("userId", userId)
                .put("keyId", ApiKeys.keyId(key))).path("error").asText());
    }

    @Test
    void everyRoute_shouldAnswer422_forUnknownLanguageOrCurrency() {
        for (String route : ROUTES) {
            as(key).header("x-language", "de").get(route).then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("header", "x-language")));
            as(key).header("x-currency", "eur").get(route).then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("header", "x-currency")));
            as(key).header("x-language", "EN").header("x-currency", "USD").get(route).then().statusCode(200);
        }
    }

    @Test
    void balances_shouldListEveryCurrency_evenBeforeAnyCredit() {
        as(key).get("/api/access/me/balances/").then().statusCode(200)
                .body("currency", equalTo(List.of("rub", "usd", "usdt")))
                .body("available", equalTo(List.of("0.00", "0.00", "0.000000")))
                .body("reserved", equalTo(List.of("0.00", "0.00", "0.000000")))
                .body("pending", equalTo(List.of("0.00", "0.00", "0.000000")));
        as(key).get("/api/access/me/balances").then().statusCode(200);
    }

    @Test
    void adjustBalance_shouldCreditAndDebit_neverBelowZero() {
        adjust("rub", "100.50").path("entryId").asText();
        as(key).get("/api/access/me/balances/").then().body("find { it.currency == 'rub' }.available",
                equalTo("100.50"));
        assertEquals("insufficient_balance", adjust("rub", "-200").path("error").asText());
        adjust("rub", "-100.50");
        adjust("usdt", "1.234567");
        as(key).get("/api/access/me/balances/").then()
                .body("find { it.currency == 'rub' }.available", equalTo("0.00"))
                .body("find { it.currency == 'usdt' }.available", equalTo("1.234567"));
        assertEquals(0, ledgerSum("rub").compareTo(BigDecimal.ZERO));
        assertEquals(0, ledgerSum("usdt").compareTo(new BigDecimal("1.234567")));
    }

    @Test
    void adjustBalance_lostToAConflict_shouldSaySo_andChangeNothing_untilRetried() {
        FaultInjector.script(FaultKind.CONFLICT, "TransactWriteItems", 1);
        try {
            // an event function's failure: the console (or a trigger) sees the invocation fail, never "done"
            LambdaInvocationException failed = assertThrows(LambdaInvocationException.class,
                    () -> adjust("rub", "100"));
            assertTrue(failed.getMessage().contains("503"), failed.getMessage());
        } finally {
            FaultInjector.clearScript();
        }
        as(key).get("/api/access/me/balances/").then().body("find { it.currency == 'rub' }.available",
                equalTo("0.00"));

        adjust("rub", "100");
        as(key).get("/api/access/me/balances/").then().body("find { it.currency == 'rub' }.available",
                equalTo("100.00"));
        assertEquals(0, ledgerSum("rub").compareTo(new BigDecimal("100")));
    }

    @Test
    void adjustBalance_shouldRefuseBadInput() {
        assertTrue(types(adjust("rub", "1.005")).contains("decimal_max_places"));
        assertTrue(types(adjust("eur", "1")).contains("enum"));
        assertTrue(types(adjust("rub", "0")).contains("value_error"));
        assertTrue(types(adjust("rub", "abc")).contains("decimal_parsing"));
        assertEquals("unknown_user", admin(Json.object().put("action", "adjustBalance").put("userId",
                ids.nextString()).put("currency", "rub").put("amount", "1").put("reason", "x")).path("error").asText());
    }

    @Test
    void concurrentDebits_shouldNeverOverdraw_andTheLedgerShouldSumToTheBalance() throws Exception {
        adjust("usd", "100.00");
        List<Callable<BalanceStore.Adjusted>> debits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            debits.add(() -> balances.adjust(userId, BalanceCurrency.USD, new BigDecimal("-10.00"), "storm",
                    ids.nextString(), "2026-05-14T10:30:00Z"));
        }
        long done = Storm.run(debits, Duration.ofSeconds(30)).stream()
                .filter(adjusted -> adjusted == BalanceStore.Adjusted.DONE).count();
        assertEquals(10, done);
        as(key).get("/api/access/me/balances/").then().body("find { it.currency == 'usd' }.available",
                equalTo("0.00"));
        assertEquals(0, ledgerSum("usd").compareTo(BigDecimal.ZERO));
    }

    private JsonNode adjust(String currency, String amount) {
        return admin(Json.object().put("action", "adjustBalance").put("userId", userId).put("currency", currency)
                .put("amount", amount).put("reason", "test"));
    }

    private BigDecimal ledgerSum(String currency) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, AttributeValue> entry : dynamo.query(QueryRequest.builder().tableName(config.table().name())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s("USER#" + userId), ":ledger", Attrs.s("LEDGER#")))
                .consistentRead(true).build()).items()) {
            if (currency.equals(Attrs.str(entry, "currency"))) {
                sum = sum.add(Attrs.decimal(entry, "amount"));
            }
        }
        return sum;
    }

    private static RequestSpecification as(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey).when();
    }

    private static JsonNode admin(JsonNode event) {
        return Fixtures.admin(event);
    }

    private static List<String> types(JsonNode answer) {
        List<String> types = new ArrayList<>();
        answer.path("detail").forEach(violation -> types.add(violation.path("type").asText()));
        return types;
    }
}
