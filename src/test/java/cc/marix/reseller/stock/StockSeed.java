package cc.marix.reseller.stock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.testing.BatchPuts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stock for the benchmark's large catalogs, written straight into the table with BatchWriteItem (25 items a call):
 * per product a counter shard holding its level, its in-stock marker and its category's count, as importCodes and
 * the stock watch would leave them, without the codes themselves (no read measured touches them) and without the
 * watch's filing. The items are spelled out here rather than built by {@link StockItems}, so the same seed runs
 * against code from before the in-stock counts (the benchmark's "before"); the markers' gsi1 sort key is the slug
 * form ({@code slug#<slug>}), as the watch writes it since the product list reads the markers in slug order.
 */
public final class StockSeed {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, Long> counted = new HashMap<>();

    public StockSeed(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A product to stock: its id, category and slug. */
    public record Stocked(String productId, String categoryId, String slug) {
    }

    /** Gives each product {@code available} codes, and counts it in stock. */
    public void stock(List<Stocked> products, long available) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        products.forEach(product -> {
            String productId = product.productId();
            String categoryId = product.categoryId();
            Map<String, AttributeValue> counter = new HashMap<>(Attrs.key("PRODUCT#" + productId, "STOCK#0"));
            counter.put("available", Attrs.n(available));
            counter.put("delivered", Attrs.n(0));
            items.add(counter);
            Map<String, AttributeValue> marker = new HashMap<>(Attrs.key("PRODUCT#" + productId, "INSTOCK"));
            marker.put("categoryId", Attrs.s(categoryId));
            marker.put(TableSchema.GSI1_PK, Attrs.s("INSTOCK#" + categoryId));
            marker.put(TableSchema.GSI1_SK, Attrs.s("slug#" + product.slug()));
            items.add(marker);
            counted.merge(categoryId, 1L, Long::sum);
        });
        products.stream().map(Stocked::categoryId).distinct().forEach(categoryId -> {
            Map<String, AttributeValue> count = new HashMap<>(Attrs.key("CATSTOCK#" + categoryId, "COUNT"));
            count.put("inStock", Attrs.n(counted.get(categoryId)));
            items.add(count);
        });
        write(items);
    }

    private void write(List<Map<String, AttributeValue>> items) {
        BatchPuts.putAll(dynamo, table, items);
    }
}
