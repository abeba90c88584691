package cc.marix.reseller.stock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.metrics.EmfWriter;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.support.Ids;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Looks at the stock level of each product whose counters or threshold changed since it last looked (the items filed
 * under {@code STOCK_WATCH} in gsi2, see {@link StockItems}) and writes a {@code LowStock} metric for each one whose
 * available codes are below its threshold. The paths that sell codes pay nothing for it: their counter update files
 * the item in the same write. Per product: one Query of its partition (counters and threshold), then one transaction
 * ({@link InStockTally}) that keeps the product's in-stock marker and its category's count and takes the filed items
 * off the watch, each only if it was not filed again meanwhile (its sort key is new on every change): the Query also
 * returns the product item (its category and slug; a catalog import that moves a product or changes its slug files
 * its item here) and the marker; a marker whose category or list key is not the due one (also one from before the key
 * held the slug) is rewritten. A sale, a restock or another run racing the look cancels the transaction, and the
 * product stays filed for the next run, so overlapping runs (order-expiry has no lease) never count a stale look.
 */
@ApplicationScoped
public class StockWatch {

    private static final Logger LOG = Logger.getLogger(StockWatch.class);

    /** What a run saw: products looked at, those found low, those it could not look at. */
    public record Run(int checked, int low, int failed) {
    }

    /**
     * A product's available codes, the threshold below which its stock is low, where its catalog item lists it
     * (null: not in the catalog) and where its in-stock marker counts it (null: not counted).
     */
    record Level(long available, int threshold, InStockTally.Place listed, InStockTally.Place counted) {

        boolean low() {
            return available < threshold;
        }

        /** Where a marker should count this product; null when none should. */
        InStockTally.Place due() {
            return available > 0 ? listed : null;
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final EmfWriter metrics;
    private final int defaultThreshold;
    private final int batchSize;
    private final InStockTally tally;
    private final Ids ids;

    public StockWatch(DynamoDbClient dynamo, AppConfig config, EmfWriter metrics, InStockTally tally, Ids ids) {
        this.dynamo = dynamo;
        this.tally = tally;
        this.ids = ids;
        this.table = config.table().name();
        this.metrics = metrics;
        this.defaultThreshold = config.stock().defaultLowThreshold();
        this.batchSize = config.stock().watchBatchSize();
    }

    /**
     * Files the product's catalog item for the next runs (false: no such product), so the watch looks at it though
     * nothing changed: how stock from before the in-stock counts gets counted (admin {@code fileStockWatch}).
     */
    public boolean file(String productId) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(StockItems.productKey(productId))
                    .updateExpression("SET #watch = :watch, #mark = :mark")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#watch", TableSchema.GSI2_PK, "#mark", TableSchema.GSI2_SK))
                    .expressionAttributeValues(Map.of(":watch", Attrs.s(StockItems.WATCH),
                            ":mark", Attrs.s(ids.nextString())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException noProduct) {
            return false;
        }
    }

    public Run run() {
        int checked = 0;
        int low = 0;
        int failed = 0;
        for (Map.Entry<String, List<Map<String, AttributeValue>>> product : filed().entrySet()) {
            try {
                checked++;
                if (check(product.getKey(), product.getValue())) {
                    low++;
                }
            } catch (RuntimeException e) {
                // one product's failure never keeps the run from the others; it stays filed for the next run
                LOG.errorf("product %s: stock watch could not look at it: %s", product.getKey(),
                        e.getClass().getSimpleName());
                failed++;
            }
        }
        return new Run(checked, low, failed);
    }

    /** Filed items (keys and the sort key they were filed under), oldest first, grouped by product. */
    Map<String, List<Map<String, AttributeValue>>> filed() {
        Map<String, List<Map<String, AttributeValue>>> byProduct = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : dynamo.query(QueryRequest.builder().tableName(table)
                .indexName(TableSchema.GSI2)
                .keyConditionExpression("gsi2pk = :watch")
                .expressionAttributeValues(Map.of(":watch", Attrs.s(StockItems.WATCH)))
                .limit(batchSize)
                .build()).items()) {
            String productId = Attrs.str(item, TableSchema.PK).substring(StockItems.PRODUCT_PREFIX.length());
            byProduct.computeIfAbsent(productId, id -> new ArrayList<>()).add(item);
        }
        return byProduct;
    }

    private boolean check(String productId, List<Map<String, AttributeValue>> filedItems) {
        Level level = level(productId);
        if (level.low()) {
            metrics.count(EmfWriter.LOW_STOCK, 1, Map.of(EmfWriter.PRODUCT_ID, productId), Map.of(
                    EmfWriter.AVAILABLE, level.available(), EmfWriter.THRESHOLD, (long) level.threshold()));
            LOG.warnf("product %s: %d codes available, below its threshold of %d", productId, level.available(),
                    level.threshold());
        }
        settle(productId, level, filedItems);
        return level.low();
    }

    /**
     * Writes what the look saw: the marker and counts, and the filed items taken off the watch, in one transaction that
     * a change since the look cancels (false: the product stays filed). Package-private so a test can interleave two
     * runs' looks and settles by hand.
     */
    boolean settle(String productId, Level level, List<Map<String, AttributeValue>> filedItems) {
        return tally.settle(productId, level.counted(), level.due(), filedItems);
    }

    /** Package-private so a test can interleave two runs' looks and settles by hand. */
    Level level(String productId) {
        long available = 0;
        int threshold = defaultThreshold;
        InStockTally.Place listed = null;
        InStockTally.Place counted = null;
        for (Map<String, AttributeValue> item : dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attrs.s(StockItems.PRODUCT_PREFIX + productId)))
                .projectionExpression("sk, #available, #threshold, #category, #slug, #key")
                .expressionAttributeNames(Map.of("#available", StockItems.AVAILABLE,
                        "#threshold", StockItems.THRESHOLD, "#category", StockItems.CATEGORY_ID,
                        "#slug", StockItems.SLUG, "#key", TableSchema.GSI1_SK))
                .consistentRead(true)
                .build()).items()) {
            String sk = Attrs.str(item, TableSchema.SK);
            if (StockCounters.isCounter(item)) {
                available += Attrs.longValue(item, StockItems.AVAILABLE, 0);
            } else if (StockItems.THRESHOLD_SK.equals(sk)) {
                threshold = (int) Attrs.longValue(item, StockItems.THRESHOLD, defaultThreshold);
            } else if (StockItems.PRODUCT_SK.equals(sk)) {
                listed = new InStockTally.Place(Attrs.str(item, StockItems.CATEGORY_ID),
                        StockItems.listKey(Attrs.str(item, StockItems.SLUG)));
            } else if (StockItems.IN_STOCK_SK.equals(sk)) {
                counted = new InStockTally.Place(Attrs.str(item, StockItems.CATEGORY_ID),
                        Attrs.str(item, TableSchema.GSI1_SK));
            }
        }
        return new Level(available, threshold, listed, counted);
    }
}
