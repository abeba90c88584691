package cc.marix.reseller.stock;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Backoff;
import cc.marix.reseller.support.Ids;
import io.quarkus.runtime.annotations.RegisterForReflection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Codes in stock. Counters are sharded: every write adds to one random shard and a report sums them, so concurrent
 * claims of one product do not all contend for one counter item.
 */
@ApplicationScoped
public class CodeStore {

    /** Counter shards per product; a storage layout constant (changing it strands counts in dropped shards). */
    public static final int COUNTER_SHARDS = 8;
    /** Codes per import transaction: two writes each plus one counter update stay within DynamoDB's 100. */
    static final int IMPORT_CHUNK = 49;
    static final int IMPORT_ATTEMPTS = 10;
    /** Extra codes read beyond the quantity, so concurrent orders pick different ones instead of racing for the first. */
    public static final int PICK_SLACK = 16;

    @RegisterForReflection
    public record ImportResult(int imported, int duplicates) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Ids ids;
    private final Clock clock;

    public CodeStore(DynamoDbClient dynamo, AppConfig config, Ids ids, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Stocks the codes whose values were never stored before. A chunk whose transaction is cancelled because some
     * values exist is retried without exactly those (the cancellation reasons name them).
     */
    public ImportResult importCodes(String productId, List<StockCode> codes) {
        Set<String> seen = new LinkedHashSet<>();
        List<StockCode> fresh = new ArrayList<>();
        for (StockCode code : codes) {
            if (seen.add(code.value())) {
                fresh.add(code);
            }
        }
        int duplicates = codes.size() - fresh.size();
        int imported = 0;
        for (int start = 0; start < fresh.size(); start += IMPORT_CHUNK) {
            List<StockCode> chunk = new ArrayList<>(fresh.subList(start, Math.min(fresh.size(), start + IMPORT_CHUNK)));
            int stored = importChunk(productId, chunk);
            imported += stored;
            duplicates += chunk.size() - stored;
        }
        return new ImportResult(imported, duplicates);
    }

    private int importChunk(String productId, List<StockCode> chunk) {
        String now = clock.instant().toString();
        for (int attempt = 0; !chunk.isEmpty(); attempt++) {
            List<TransactWriteItem> writes = new ArrayList<>();
            for (StockCode code : chunk) {
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(StockItems.valueRecord(productId, code))
                        .conditionExpression("attribute_not_exists(pk)").build()).build());
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(StockItems.code(productId, code, now)).build()).build());
            }
            writes.add(counterUpdate(productId, chunk.size(), 0));
            try {
                Transactions.write(dynamo, writes, "code-import", productId, attempt);
                return chunk.size();
            } catch (TransactionCanceledException cancelled) {
                List<StockCode> remaining = withoutStoredValues(chunk, cancelled.cancellationReasons());
                if (remaining.size() < chunk.size()) {
                    chunk = remaining;
                } else if (!onlyConflicts(cancelled.cancellationReasons()) || attempt >= IMPORT_ATTEMPTS) {
                    throw cancelled;
                } else {
                    // a concurrent claim touched the same counter: the whole chunk again, after a pause
                    Backoff.pause(attempt);
                }
            }
        }
        return 0;
    }

    private static boolean onlyConflicts(List<CancellationReason> reasons) {
        return reasons.stream().allMatch(reason -> "None".equals(reason.code())
                || "TransactionConflict".equals(reason.code()));
    }

    private static List<StockCode> withoutStoredValues(List<StockCode> chunk, List<CancellationReason> reasons) {
        List<StockCode> remaining = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            CancellationReason valueWrite = reasons.get(2 * i);
            if (!"ConditionalCheckFailed".equals(valueWrite.code())) {
                remaining.add(chunk.get(i));
            }
        }
        return remaining;
    }

    /** Up to {@code limit} available codes of the product, oldest first. */
    public List<StockCode> findAvailable(String productId, int limit) {
        return dynamo.query(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :code)")
                .expressionAttributeValues(Map.of(
                        ":pk", Attrs.s(StockItems.stockPk(productId)),
                        ":code", Attrs.s(StockItems.CODE_PREFIX)))
                .consistentRead(true)
                .limit(limit)
                .build()).items().stream().map(StockItems::toCode).toList();
    }

    /** The transaction writes that take these codes out of stock: each delete fails if another order got it first. */
    public List<TransactWriteItem> claimWrites(String productId, List<StockCode> codes) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (StockCode code : codes) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder()
                    .tableName(table)
                    .key(StockItems.codeKey(productId, code.codeId()))
                    .conditionExpression("attribute_exists(pk)")
                    .build()).build());
        }
        writes.add(counterUpdate(productId, -codes.size(), codes.size()));
        return writes;
    }

    public StockReport report(String productId) {
        long available = 0;
        long delivered = 0;
        for (Map<String, AttributeValue> shard : dynamo.query(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :stock)")
                .expressionAttributeValues(Map.of(
                        ":pk", Attrs.s("PRODUCT#" + productId),
                        ":stock", Attrs.s(StockItems.COUNTER_PREFIX)))
                .consistentRead(true)
                .build()).items()) {
            available += Attrs.longValue(shard, StockItems.AVAILABLE, 0);
            delivered += Attrs.longValue(shard, StockItems.DELIVERED, 0);
        }
        return new StockReport(productId, available, delivered);
    }

    /** {@code quantity} codes picked at random from the candidates {@link #findAvailable} returned. */
    public static List<StockCode> pick(List<StockCode> candidates, int quantity) {
        List<StockCode> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        return List.copyOf(shuffled.subList(0, quantity));
    }

    public String newCodeId() {
        return ids.nextString();
    }

    private TransactWriteItem counterUpdate(String productId, long availableDelta, long deliveredDelta) {
        int shard = ThreadLocalRandom.current().nextInt(COUNTER_SHARDS);
        // the shard files itself for the stock watch in the same write: no extra call where codes are sold
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(StockItems.counterKey(productId, shard))
                .updateExpression("ADD #available :available, #delivered :delivered SET #watch = :watch, #mark = :mark")
                .expressionAttributeNames(Map.of("#available", StockItems.AVAILABLE, "#delivered", StockItems.DELIVERED,
                        "#watch", TableSchema.GSI2_PK, "#mark", TableSchema.GSI2_SK))
                .expressionAttributeValues(Map.of(
                        ":available", Attrs.n(availableDelta),
                        ":delivered", Attrs.n(deliveredDelta),
                        ":watch", Attrs.s(StockItems.WATCH),
                        ":mark", Attrs.s(ids.nextString())))
                .build()).build();
    }
}
