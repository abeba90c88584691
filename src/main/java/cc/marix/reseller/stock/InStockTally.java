package cc.marix.reseller.stock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Keeps each category's count of products in stock ({@code CATSTOCK#<categoryId>/COUNT}) equal to the in-stock markers
 * filed under it ({@code PRODUCT#<productId>/INSTOCK}, see {@link StockItems}): a marker is put, moved or deleted only in
 * the transaction that moves the counts by as much, conditional on the marker being as the watch saw it. Two watch runs
 * that saw the same thing therefore move the counts once (the second is cancelled), and a transaction sent again after
 * an answer was lost carries the same token (the product, both categories and the marks of the filed items the look
 * was about), so DynamoDB does not apply it twice; a later change files a new mark, hence a new token.
 */
@ApplicationScoped
class InStockTally {

    private final DynamoDbClient dynamo;
    private final String table;

    InStockTally(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    /**
     * Moves the product from the category it is counted under ({@code counted}, null: none) to the one it is due
     * under ({@code due}, null: it is out of stock or no longer in the catalog). False when another run moved the
     * marker since the look: nothing was written, and the caller looks again later.
     */
    boolean settle(String productId, String counted, String due, List<String> marks) {
        if (Objects.equals(counted, due)) {
            return true;
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(due == null ? unmark(productId, counted) : mark(productId, counted, due));
        if (counted != null) {
            writes.add(count(counted, -1));
        }
        if (due != null) {
            writes.add(count(due, 1));
        }
        try {
            Transactions.write(dynamo, writes, "in-stock-tally", productId, counted, due, marks);
            return true;
        } catch (TransactionCanceledException movedMeanwhile) {
            return false;
        }
    }

    private TransactWriteItem mark(String productId, String counted, String due) {
        Put.Builder put = Put.builder().tableName(table).item(StockItems.inStockMarker(productId, due));
        if (counted == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#category = :counted")
                    .expressionAttributeNames(Map.of("#category", StockItems.CATEGORY_ID))
                    .expressionAttributeValues(Map.of(":counted", Attrs.s(counted)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private TransactWriteItem unmark(String productId, String counted) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(StockItems.inStockMarkerKey(productId))
                .conditionExpression("#category = :counted")
                .expressionAttributeNames(Map.of("#category", StockItems.CATEGORY_ID))
                .expressionAttributeValues(Map.of(":counted", Attrs.s(counted)))
                .build()).build();
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
