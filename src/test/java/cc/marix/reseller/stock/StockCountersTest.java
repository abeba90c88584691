package cc.marix.reseller.stock;

import static cc.marix.reseller.testing.Catalogs.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.testing.Catalogs;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Storm;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The quantity the catalog shows is read from counters, never by counting codes. After a storm of concurrent claims
 * (partner orders through the Lambda handler, from many threads at once), the counters must equal the real number
 * of available codes, as counted here directly in the table. (In package stock, so it runs after the e-mail
 * delivery tests, as the webhook storms do: run before them, a 100-thread storm made their SMTP sends time out.)
 */
@QuarkusTest
class StockCountersTest {

    private static final int CLAIMS = 100;
    private static final int[] CODES = {40, 40, 20};

    @Inject
    LambdaHttpHandler handler;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Test
    void countersShouldEqualTheRealCount_after100ConcurrentClaimsAcross3Products() throws Exception {
        TestStack.useHttpFront();
        String key = Catalogs.apiKey();
        String prefix = Fixtures.unique("storm");
        ObjectNode event = Catalogs.importEvent();
        Catalogs.category(event, prefix, "Шторм", "Storm");
        for (int p = 0; p < CODES.length; p++) {
            Catalogs.product(event, prefix + "-" + p, prefix, "Товар " + p, "Product " + p, "10.00", "rub");
        }
        JsonNode imported = Catalogs.load(event);
        List<String> products = new ArrayList<>();
        for (int p = 0; p < CODES.length; p++) {
            products.add(Catalogs.id(imported, "products", prefix + "-" + p));
            Catalogs.stock(products.get(p), CODES[p]);
        }
        Fixtures.TestPartner partner = Fixtures.partner(products.toArray(String[]::new));

        Map<String, Integer> delivered = storm(partner, products);

        // product 2 has 20 codes for its 33 orders; the others have enough
        assertEquals(Map.of(products.get(0), 34, products.get(1), 33, products.get(2), 20), delivered);
        for (int p = 0; p < CODES.length; p++) {
            String productId = products.get(p);
            long real = availableCodes(productId);
            assertEquals(CODES[p] - delivered.get(productId), real, "codes left of product " + p);
            as(key).get("/api/products/" + productId).then().statusCode(200).body("quantity", equalTo((int) real));
            JsonNode report = Fixtures.stock(productId);
            assertEquals(real, report.path("available").asLong());
            assertEquals(delivered.get(productId).longValue(), report.path("delivered").asLong());
        }
        as(key).queryParam("category_id_or_slug", prefix).get("/api/products/").then().statusCode(200)
                .body("items.quantity", equalTo(List.of((int) availableCodes(products.get(0)),
                        (int) availableCodes(products.get(1)), 0)));
        Catalogs.watchStock();
        as(key).get("/api/categories/" + prefix).then().statusCode(200).body("inStockCount", equalTo(2));
    }

    /** Answers the codes delivered per product; every order is either delivered (200) or out of stock (409). */
    private Map<String, Integer> storm(Fixtures.TestPartner partner, List<String> products) throws Exception {
        Map<String, Integer> delivered = new HashMap<>();
        List<Callable<Integer>> orders = new ArrayList<>();
        List<String> orderedProducts = new ArrayList<>();
        for (int i = 0; i < CLAIMS; i++) {
            String productId = products.get(i % products.size());
            orderedProducts.add(productId);
            APIGatewayV2HTTPEvent order = Notifications.event(partner.slug(),
                    Notifications.bytes(Notifications.orderPaid("STORM-" + i + "-" + UUID.randomUUID(), productId,
                            1)), partner.secret(), UUID.randomUUID().toString());
            orders.add(() -> handler.handleRequest(order, null).getStatusCode());
        }
        List<Integer> statuses = Storm.run(orders, Duration.ofSeconds(120));
        for (int i = 0; i < CLAIMS; i++) {
            int status = statuses.get(i);
            if (status == 200) {
                delivered.merge(orderedProducts.get(i), 1, Integer::sum);
            } else {
                assertEquals(409, status, "order " + i);
            }
        }
        return delivered;
    }

    private long availableCodes(String productId) {
        return dynamo.query(QueryRequest.builder().tableName(config.table().name())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :code)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s("STOCK#" + productId), ":code", Attrs.s("CODE#")))
                .select(Select.COUNT).consistentRead(true).build()).count();
    }
}
