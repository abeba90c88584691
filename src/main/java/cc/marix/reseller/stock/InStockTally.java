package cc.marix.reseller.stock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Keeps each category's count of products in stock ({@code CATSTOCK#<categoryId>/COUNT}) equal to the in-stock markers
 * filed under it ({@code PRODUCT#<productId>/INSTOCK}, see {@link StockItems}): a marker is put, moved or deleted only in
 * the transaction that moves the counts by as much and takes the product's filed items off the watch, conditional on
 * the marker being as the watch saw it (category and list key) and on each filed item still carrying the mark the watch
 * saw. A run that looked before a sale, a restock or another run's settle is therefore cancelled and leaves the product
 * filed: two overlapping runs move the counts once, and never on a stale look. A transaction sent again after an answer
 * was lost carries the same token (the product, both places and the marks of the filed items the look was about), so
 * DynamoDB does not apply it twice; a later change files a new mark, hence a new token.
 */
@ApplicationScoped
class InStockTally {

    /** The marker as the watch saw it: its category and its list key. */
    private static final String AS_SEEN = "#category = :counted AND #key = :key";
    private static final Map<String, String> AS_SEEN_NAMES = Map.of("#category", StockItems.CATEGORY_ID,
            "#key", TableSchema.GSI1_SK);

    private final DynamoDbClient dynamo;
    private final String table;

    InStockTally(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    /**
     * Where a marker files a product: its category, and its key in the category's list ({@link StockItems#listKey},
     * or the bare product id in a marker from before the key was there).
     */
    record Place(String categoryId, String listKey) {
    }

    /**
     * Moves the product's marker from where it is ({@code counted}, null: none) to where it is due ({@code due},
     * null: it is out of stock or no longer in the catalog), and the counts when the category changes, and takes the
     * product's filed items off the watch, all in one transaction: each item only if it is still filed under the
     * sort key the look saw, the marker only if it is still as seen. A new list key in the same category (a slug
     * change, or a marker of the old form) rewrites the marker alone; a marker already where it is due is only
     * checked. False when the transaction was cancelled, as a run that looked before a later change (a sale, a
     * restock, another run's settle) has to be: nothing was written, the product stays filed and the next run looks
     * again.
     */
    boolean settle(String productId, Place counted, Place due, List<Map<String, AttributeValue>> filedItems) {
        List<TransactWriteItem> writes = new ArrayList<>();
        if (Objects.equals(counted, due)) {
            writes.add(asSeen(productId, counted));
        } else {
            writes.add(due == null ? unmark(productId, counted) : mark(productId, counted, due));
            String from = counted == null ? null : counted.categoryId();
            String to = due == null ? null : due.categoryId();
            if (from != null && !from.equals(to)) {
                writes.add(count(from, -1));
            }
            if (to != null && !to.equals(from)) {
                writes.add(count(to, 1));
            }
        }
        filedItems.forEach(item -> writes.add(unfile(item)));
        List<String> marks = filedItems.stream().map(item -> Attrs.str(item, TableSchema.GSI2_SK)).sorted().toList();
        try {
            Transactions.write(dynamo, writes, "in-stock-tally", productId, counted, due, marks);
            return true;
        } catch (TransactionCanceledException changedMeanwhile) {
            return false;
        }
    }

    /** The marker unchanged since the look: absent, or in the place seen. */
    private TransactWriteItem asSeen(String productId, Place counted) {
        ConditionCheck.Builder check = ConditionCheck.builder().tableName(table)
                .key(StockItems.inStockMarkerKey(productId));
        if (counted == null) {
            check.conditionExpression("attribute_not_exists(pk)");
        } else {
            check.conditionExpression(AS_SEEN).expressionAttributeNames(AS_SEEN_NAMES)
                    .expressionAttributeValues(seen(counted));
        }
        return TransactWriteItem.builder().conditionCheck(check.build()).build();
    }

    /** Takes a filed item off the watch unless it was filed again (a new sort key on every change) since the look. */
    private TransactWriteItem unfile(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Attrs.key(Attrs.str(item, TableSchema.PK), Attrs.str(item, TableSchema.SK)))
                .updateExpression("REMOVE #watch, #mark")
                .conditionExpression("#mark = :seen")
                .expressionAttributeNames(Map.of("#watch", TableSchema.GSI2_PK, "#mark", TableSchema.GSI2_SK))
                .expressionAttributeValues(Map.of(":seen", item.get(TableSchema.GSI2_SK)))
                .build()).build();
    }

    private TransactWriteItem mark(String productId, Place counted, Place due) {
        Put.Builder put = Put.builder().tableName(table).item(StockItems.inStockMarker(productId, due));
        if (counted == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression(AS_SEEN).expressionAttributeNames(AS_SEEN_NAMES)
                    .expressionAttributeValues(seen(counted));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private TransactWriteItem unmark(String productId, Place counted) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(StockItems.inStockMarkerKey(productId))
                .conditionExpression(AS_SEEN)
                .expressionAttributeNames(AS_SEEN_NAMES)
                .expressionAttributeValues(seen(counted))
                .build()).build();
    }

    private static Map<String, AttributeValue> seen(Place counted) {
        return Map.of(":counted", Attrs.s(counted.categoryId()), ":key", Attrs.s(counted.listKey()));
    }

    private TransactWriteItem count(String categoryId, long by) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(StockItems.countKey(categoryId))
                .updateExpression("ADD #inStock :by")
                .expressionAttributeNames(Map.of("#inStock", StockItems.IN_STOCK))
                .expressionAttributeValues(Map.of(":by", Attrs.n(by)))
                .build()).build();
    }
}
