package cc.marix.reseller.checkout;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/**
 * {@code GET /api/topups/rates/{to}} for every balance currency, listing the fiat currencies and the enabled chains'
 * assets: a stored rate where there is one, else the exchanger's quote of the latest crypto top-up, marked by
 * {@code source}.
 */
@QuarkusTest
class TopupRatesTest {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    private Buyer buyer;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
        Catalogs.baselineRate();
        buyer = Orders.buyer(null);
        forget("usdt", "rub");
        forget("rub", "usdt");
    }

    @AfterEach
    void cleanUp() {
        forget("usdt", "rub");
        forget("rub", "usdt");
    }

    @Test
    void cryptoAssets_shouldShowTheExchangersLatestQuote_untilARateIsStored() {
        Exchanger.topUp(buyer, "1500", "65b1c0ffee0000000000ff01", "16.483516");
        Exchanger.topUp(buyer, "1000", "65b1c0ffee0000000000ff02", "10");
        Exchanger.willCreate("65b1c0ffee0000000000ff03", "2.5");
        Orders.as(buyer).contentType("application/json")
                .body("{\"chain\":\"ton\",\"asset\":\"ton\",\"quoteAmount\":\"700\"}").post("/api/topups/crypto/")
                .then().statusCode(200);

        JsonNode rub = rates("rub");
        assertEquals(List.of("rub", "usd", "usdt", "ton"), froms(rub), "fiat, then the enabled chains' assets");
        assertEquals(rate("usdt", "rub", "100", "exchanger"), find(rub, "usdt"), "the latest quote: 1000 / 10");
        assertEquals(rate("ton", "rub", "280", "exchanger"), find(rub, "ton"));
        assertEquals(rate("usd", "rub", "92.5", "stored"), find(rub, "usd"));

        Catalogs.setRate("usdt", "rub", "95");
        assertEquals(rate("usdt", "rub", "95", "stored"), find(rates("rub"), "usdt"), "a stored rate wins");
        JsonNode usdt = rates("USDT");
        assertEquals("usdt", usdt.path("to").asText());
        assertEquals(rate("usdt", "usdt", "1", "identity"), find(usdt, "usdt"));
        // setRate wrote the opposite direction as 1 / 95 rounded down
        assertEquals(rate("rub", "usdt", "0.0105263157", "stored"), find(usdt, "rub"));
        assertTrue(find(usdt, "ton").isMissingNode(), "no rate, no quote into usdt: left out, " + usdt);
    }

    @Test
    void aCurrencyThatIsNoBalanceCurrency_shouldBe422() {
        Orders.as(buyer).get("/api/topups/rates/eur").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("to"))
                .body("detail[0].msg", equalTo("Input should be 'rub', 'usd' or 'usdt'"));
        Orders.as(buyer).get("/api/topups/rates/ton").then().statusCode(422);
    }

    private JsonNode rates(String to) {
        return Json.parse(Orders.as(buyer).get("/api/topups/rates/" + to).then().statusCode(200).extract()
                .asString());
    }

    private static List<String> froms(JsonNode rates) {
        List<String> froms = new ArrayList<>();
        rates.path("rates").forEach(rate -> froms.add(rate.path("from").asText()));
        return froms;
    }

    private static JsonNode find(JsonNode rates, String from) {
        for (JsonNode rate : rates.path("rates")) {
            if (from.equals(rate.path("from").asText())) {
                return rate;
            }
        }
        return Json.parse("{}").path("none");
    }

    private static JsonNode rate(String from, String to, String rate, String source) {
        return Json.object().put("from", from).put("to", to).put("rate", rate).put("source", source);
    }

    private void forget(String from, String to) {
        dynamo.deleteItem(DeleteItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key("RATE#" + from + "#" + to, "RATE")).build());
    }
}
