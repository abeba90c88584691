package cc.marix.reseller.testing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.specification.RequestSpecification;

/**
 * Catalog test data through the admin function (importCatalog, importCodes, setRate), and callers of the public
 * API. The rate usd -> rub 92.50 is the baseline every catalog test sets (rates are global to the table), so an
 * answer in rub can show a usd price whatever ran before.
 */
public final class Catalogs {

    public static final String USD_RUB = "92.50";
    public static final String EXPIRY = "{\"job\": \"order-expiry\"}";
    /** Runs enough for the watch to get through every product the rest of the suite filed meanwhile. */
    private static final int WATCH_RUNS = 100;

    private Catalogs() {
    }

    public static ObjectNode importEvent() {
        ObjectNode event = Json.object().put("action", "importCatalog");
        event.putArray("categories");
        event.putArray("products");
        return event;
    }

    public static ObjectNode category(ObjectNode event, String slug, String ru, String en) {
        ObjectNode category = ((ArrayNode) event.get("categories")).addObject().put("slug", slug);
        localized(category, "name", ru, en);
        return category;
    }

    public static ObjectNode product(ObjectNode event, String slug, String categoryRef, String ru, String en,
            String price, String currency) {
        ObjectNode product = ((ArrayNode) event.get("products")).addObject().put("slug", slug)
                .put("categoryId", categoryRef).put("price", price).put("currency", currency);
        localized(product, "name", ru, en);
        return product;
    }

    public static void localized(ObjectNode parent, String field, String ru, String en) {
        ObjectNode texts = parent.putObject(field);
        if (ru != null) {
            texts.put("ru", ru);
        }
        if (en != null) {
            texts.put("en", en);
        }
    }

    /** Imports the event; answers the result, failing the test on any error or entry not created. */
    public static JsonNode load(ObjectNode event) {
        JsonNode answer = Fixtures.admin(event);
        if (answer.has("error")) {
            throw new IllegalStateException("import failed: " + answer);
        }
        for (String kind : List.of("categories", "products")) {
            answer.path(kind).forEach(entry -> {
                if (!List.of("created", "updated").contains(entry.path("result").asText())) {
                    throw new IllegalStateException("import failed: " + entry);
                }
            });
        }
        return answer;
    }

    /** The id the import gave the entry with this slug. */
    public static String id(JsonNode imported, String kind, String slug) {
        for (JsonNode entry : imported.path(kind)) {
            if (slug.equals(entry.path("slug").asText())) {
                return entry.path("id").asText();
            }
        }
        throw new IllegalStateException(slug + " not in " + imported);
    }

    public static void stock(String productId, int codes) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < codes; i++) {
            values.add("CODE-" + UUID.randomUUID());
        }
        Fixtures.addCodes(productId, values);
    }

    /**
     * Runs the order-expiry function until its stock watch has looked at every product filed meanwhile: the
     * categories' in-stock counts (and what {@code withStockOnly} filters by) follow the stock from then on.
     */
    public static void watchStock() {
        for (int run = 0; run < WATCH_RUNS; run++) {
            JsonNode outcome = Json.parse(TestStack.invoke(EXPIRY));
            if (outcome.path("stock_failed").asInt() != 0) {
                throw new IllegalStateException("the stock watch failed: " + outcome);
            }
            if (outcome.path("stock_checked").asInt() == 0) {
                return;
            }
        }
        throw new IllegalStateException("the stock watch still had products to look at after " + WATCH_RUNS + " runs");
    }

    public static JsonNode setRate(String from, String to, String rate) {
        return Fixtures.admin(Json.object().put("action", "setRate").put("from", from).put("to", to).put("rate", rate)
                .put("source", "test"));
    }

    public static void baselineRate() {
        JsonNode answer = setRate("usd", "rub", USD_RUB);
        if (answer.has("error")) {
            throw new IllegalStateException("setRate failed: " + answer);
        }
    }

    /** A new active API user's key. */
    public static String apiKey() {
        return Orders.buyer(null).apiKey();
    }

    public static RequestSpecification as(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey);
    }

    /** A fresh, lower-case token in Cyrillic letters, so a search finds only what the test made. */
    public static String cyrillicToken() {
        String letters = "бвгджзклмнпрстфхцчшщ";
        StringBuilder token = new StringBuilder();
        UUID random = UUID.randomUUID();
        long bits = random.getMostSignificantBits() ^ random.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            token.append(letters.charAt((int) Math.floorMod(bits >> (i * 5), (long) letters.length())));
        }
        return token.toString();
    }
}
