package cc.marix.reseller.stock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.BatchReads;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Live stock of many products at once, from their sharded counters (never by counting codes): BatchGetItem of the
 * {@value CodeStore#COUNTER_SHARDS} shard keys of each product, 100 keys (about 12 products) a call. The counters
 * change in the same transactions as the codes, so the sum is the number of available codes.
 */
@ApplicationScoped
public class StockCounters {

    /** The counters share the product's partition ({@link StockItems#counterKey}). */
    private static final String PRODUCT_PREFIX = "PRODUCT#";

    private final DynamoDbClient dynamo;
    private final String table;

    public StockCounters(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    /** Available codes per product id; a product whose counters were never written has 0. */
    public Map<String, Long> available(Collection<String> productIds) {
        Map<String, Long> available = noneOf(productIds);
        // whole products per call is not needed: the sums are per product, whatever call a shard came back in
        for (Map<String, AttributeValue> shard : BatchReads.get(dynamo, table, counterKeys(productIds),
                "#pk, #available", Map.of("#pk", TableSchema.PK, "#available", StockItems.AVAILABLE), true)) {
            addShard(available, shard);
        }
        return available;
    }

    /** 0 for each product, for {@link #addShard} to add to. */
    static Map<String, Long> noneOf(Collection<String> productIds) {
        Map<String, Long> available = new HashMap<>();
        productIds.forEach(productId -> available.put(productId, 0L));
        return available;
    }

    static List<Map<String, AttributeValue>> counterKeys(Collection<String> productIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String productId : productIds) {
            for (int shard = 0; shard < CodeStore.COUNTER_SHARDS; shard++) {
                keys.add(StockItems.counterKey(productId, shard));
            }
        }
        return keys;
    }

    static void addShard(Map<String, Long> available, Map<String, AttributeValue> shard) {
        String productId = Attrs.str(shard, TableSchema.PK).substring(PRODUCT_PREFIX.length());
        available.merge(productId, Attrs.longValue(shard, StockItems.AVAILABLE, 0), Long::sum);
    }

    /** The available codes counted by the counter items among {@code items} (a Query of a product's partition). */
    public static long availableIn(Collection<Map<String, AttributeValue>> items) {
        long available = 0;
        for (Map<String, AttributeValue> item : items) {
            if (isCounter(item)) {
                available += Attrs.longValue(item, StockItems.AVAILABLE, 0);
            }
        }
        return available;
    }

    public static boolean isCounter(Map<String, AttributeValue> item) {
        String sk = Attrs.str(item, TableSchema.SK);
        return sk != null && sk.startsWith(StockItems.COUNTER_PREFIX);
    }
}
