package cc.marix.reseller.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;

/** setRate through the admin function: both directions at once, never a pair that makes money back and forth. */
@QuarkusTest
class SetRateTest {

    private String key;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        key = Catalogs.apiKey();
    }

    @AfterEach
    void restore() {
        Catalogs.baselineRate();
    }

    @Test
    void oneDirection_shouldAlsoSetTheOtherToItsInverse_roundedDown() {
        JsonNode answer = Catalogs.setRate("rub", "usd", "0.0150");

        assertEquals("0.015", answer.path("rate").asText(), answer.toString());
        // 1 / 0.015 = 66.666...: rounded down, so 1 rub -> usd -> rub gives back at most 1 rub
        assertEquals("66.6666666666", answer.path("inverseRate").asText());
        assertEquals("0.015", stored("rub", "usd"));
        assertEquals("66.6666666666", stored("usd", "rub"));
    }

    @Test
    void bothDirections_shouldBeTakenAsGiven_whenTheirProductIsAtMostOne() {
        JsonNode answer = Fixtures.admin(pair("usd", "rub", "90", "0.0111"));

        assertEquals("0.0111", answer.path("inverseRate").asText(), answer.toString());
        assertEquals("90", stored("usd", "rub"));
        assertEquals("0.0111", stored("rub", "usd"));
    }

    @Test
    void aPairThatGainsOnARoundTrip_shouldBe422_andChangeNeitherRate() {
        // 92.50 x 0.0109 = 1.00825: 1 usd -> rub -> usd would come back as 1.008 usd
        JsonNode answer = Fixtures.admin(pair("usd", "rub", "92.50", "0.0109"));

        assertEquals("rate_round_trip", answer.path("error").asText(), answer.toString());
        assertEquals("inverseRate", answer.path("detail").path(0).path("loc").path(0).asText());
        assertEquals(Catalogs.USD_RUB.replaceAll("0+$", ""), stored("usd", "rub"));
        assertEquals("0.0108108108", stored("rub", "usd"));
    }

    @Test
    void aBadInverse_shouldBe422_likeABadRate() {
        assertEquals("greater_than", Fixtures.admin(pair("usd", "rub", "92.50", "0")).path("detail").path(0)
                .path("type").asText());
        assertEquals("decimal_parsing", Fixtures.admin(pair("usd", "rub", "92.50", "x")).path("detail").path(0)
                .path("type").asText());
        assertEquals("value_error", Catalogs.setRate("usd", "rub", "20000000000").path("detail").path(0)
                .path("type").asText());
        assertEquals(Catalogs.USD_RUB.replaceAll("0+$", ""), stored("usd", "rub"));
    }

    private static JsonNode pair(String from, String to, String rate, String inverse) {
        return Json.object().put("action", "setRate").put("from", from).put("to", to).put("rate", rate)
                .put("inverseRate", inverse).put("source", "test");
    }

    /** The stored rate from -> to, as the public rates route shows it. */
    private String stored(String from, String to) {
        JsonNode rates = Json.parse(Catalogs.as(key).get("/api/topups/rates/" + to).then().statusCode(200)
                .extract().asString());
        for (JsonNode rate : rates.path("rates")) {
            if (rate.path("from").asText().equals(from)) {
                assertEquals("stored", rate.path("source").asText(), rates.toString());
                return rate.path("rate").asText();
            }
        }
        throw new AssertionError("no rate " + from + " -> " + to + ": " + rates);
    }
}
