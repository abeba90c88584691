package cc.marix.reseller.stock;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Ids;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Low-stock thresholds: one transaction writes a product's threshold only while the product exists. */
@ApplicationScoped
public class StockThresholds {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Ids ids;
    private final Clock clock;

    public StockThresholds(DynamoDbClient dynamo, AppConfig config, Ids ids, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Sets the product's threshold and files it for the stock watch, which looks at its level on its next run (a new
     * threshold may make the present stock low). Returns the time it was set, or null when there is no such product.
     */
    public String set(String productId, int threshold) {
        String now = clock.instant().toString();
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                        .key(StockItems.productKey(productId))
                        .conditionExpression("attribute_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(StockItems.threshold(productId, threshold, now, ids.nextString())).build()).build());
        try {
            Transactions.write(dynamo, writes, "low-stock-threshold", productId, threshold);
            return now;
        } catch (TransactionCanceledException cancelled) {
            if ("ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code())) {
                return null;
            }
            throw cancelled;
        }
    }
}
