package cc.marix.reseller.stock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.BatchReads;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

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

    /** Ids of the category's products counted in stock: gsi1 {@code INSTOCK#<categoryId>}, 1 MB (~8,000) a Query. */
    public Set<String> productsOf(String categoryId) {
        Set<String> ids = new HashSet<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName(TableSchema.GSI1)
                .keyConditionExpression("#index = :category")
                .expressionAttributeNames(Map.of("#index", TableSchema.GSI1_PK, "#product", TableSchema.GSI1_SK))
                .expressionAttributeValues(Map.of(":category", Attrs.s(StockItems.IN_STOCK_INDEX_PREFIX + categoryId)))
                .projectionExpression("#product")
                .build()).items().forEach(item -> ids.add(Attrs.str(item, TableSchema.GSI1_SK)));
        return ids;
    }
}
