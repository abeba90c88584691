package cc.marix.reseller.stock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.BatchReads;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Which products are in stock, per category, as the stock watch last saw them ({@link InStockTally}): within one
 * watch run (a minute) of the live counters, for reads whose cost must not grow with a category's products. The
 * live level of a product shown is {@link StockCounters}'.
 */
@ApplicationScoped
public class InStockCounts {

    private final DynamoDbClient dynamo;
    private final String table;

    public InStockCounts(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    /** Products in stock per category id, one BatchGetItem per 100 categories; a category never counted has 0. */
    public Map<String, Long> of(Collection<String> categoryIds) {
        Map<String, Long> counts = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String categoryId : categoryIds) {
            counts.put(categoryId, 0L);
            keys.add(StockItems.countKey(categoryId));
        }
        for (Map<String, AttributeValue> count : BatchReads.get(dynamo, table, keys, "#pk, #inStock",
                Map.of("#pk", TableSchema.PK, "#inStock", StockItems.IN_STOCK), false)) {
            String categoryId = Attrs.str(count, TableSchema.PK).substring(StockItems.COUNT_PREFIX.length());
            // never below 0: the tally's conditions keep it so, and an answer must not show less than nothing
            counts.put(categoryId, Math.max(0, Attrs.longValue(count, StockItems.IN_STOCK, 0)));
        }
        return counts;
    }

    /**
     * Ids of the category's products counted in stock: gsi1 {@code INSTOCK#<categoryId>}, 1 MB (~8,000) a Query.
     * Grows with them: for the lists filtered by price or sorted otherwise than by slug.
     */
    public Set<String> productsOf(String categoryId) {
        Set<String> ids = new HashSet<>();
        dynamo.queryPaginator(markers(categoryId).build()).items().forEach(item -> ids.add(productId(item)));
        return ids;
    }

    /**
     * The ids of the first {@code count} products the category counts in stock, in slug order (the markers' gsi1 sort
     * key): one Query while they fit in 1 MB (~8,000). Empty when the category still has a marker from before the
     * sort key held the slug (such markers sort first), whose place in slug order the index does not know.
     */
    public Optional<List<String>> firstBySlug(String categoryId, int count) {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        do {
            QueryResponse page = dynamo.query(markers(categoryId).limit(count - ids.size())
                    .exclusiveStartKey(from).build());
            for (Map<String, AttributeValue> marker : page.items()) {
                if (!Attrs.str(marker, TableSchema.GSI1_SK).startsWith(StockItems.LIST_KEY_PREFIX)) {
                    return Optional.empty();
                }
                ids.add(productId(marker));
            }
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null && ids.size() < count);
        return Optional.of(ids);
    }

    /** A page's live quantities and its category's in-stock count. */
    public record PageStock(Map<String, Long> available, long inStock) {
    }

    /**
     * The products' available codes and the category's count read together, one BatchGetItem (while the counters of
     * the products and the count fit in 100 keys), consistent for the counters' sake.
     */
    public PageStock pageStock(String categoryId, Collection<String> productIds) {
        Map<String, Long> available = StockCounters.noneOf(productIds);
        List<Map<String, AttributeValue>> keys = new ArrayList<>(StockCounters.counterKeys(productIds));
        keys.add(StockItems.countKey(categoryId));
        long inStock = 0;
        for (Map<String, AttributeValue> item : BatchReads.get(dynamo, table, keys, "#pk, #available, #inStock",
                Map.of("#pk", TableSchema.PK, "#available", StockItems.AVAILABLE, "#inStock", StockItems.IN_STOCK),
                true)) {
            if (Attrs.str(item, TableSchema.PK).startsWith(StockItems.COUNT_PREFIX)) {
                inStock = Math.max(0, Attrs.longValue(item, StockItems.IN_STOCK, 0));
            } else {
                StockCounters.addShard(available, item);
            }
        }
        return new PageStock(available, inStock);
    }

    private QueryRequest.Builder markers(String categoryId) {
        return QueryRequest.builder().tableName(table).indexName(TableSchema.GSI1)
                .keyConditionExpression("#index = :category")
                .expressionAttributeNames(Map.of("#index", TableSchema.GSI1_PK, "#key", TableSchema.GSI1_SK))
                .expressionAttributeValues(Map.of(":category", Attrs.s(StockItems.IN_STOCK_INDEX_PREFIX + categoryId)))
                .projectionExpression("pk, #key");
    }

    private static String productId(Map<String, AttributeValue> marker) {
        return Attrs.str(marker, TableSchema.PK).substring(StockItems.PRODUCT_PREFIX.length());
    }
}
