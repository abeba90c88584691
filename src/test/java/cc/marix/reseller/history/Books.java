package cc.marix.reseller.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cc.marix.reseller.order.OrderCounts;
import cc.marix.reseller.order.OrderItems;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.testing.Orders.Buyer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The books as the table holds them, read consistently after a round: each buyer's rub balance and its ledger, and
 * the check every money workload ends with.
 */
final class Books {

    static final List<String> BUCKETS = List.of("available", "reserved", "pending");

    private final DynamoDbClient dynamo;
    private final String table;

    Books(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Every bucket of the buyer's balance equals the sum of its ledger entries and none is negative; after recovery
     * nothing is left in {@code reserved}. Returns the balance.
     */
    Map<String, BigDecimal> checkBalanced(Buyer buyer) {
        Map<String, BigDecimal> balance = balance(buyer);
        Map<String, BigDecimal> ledger = ledger(buyer);
        for (String bucket : BUCKETS) {
            BigDecimal held = balance.getOrDefault(bucket, BigDecimal.ZERO);
            assertTrue(held.signum() >= 0, bucket + " negative for " + buyer + ": " + balance);
            assertEquals(0, held.compareTo(ledger.getOrDefault(bucket, BigDecimal.ZERO)),
                    bucket + " differs from its ledger for " + buyer + ": " + balance + " vs " + ledger);
        }
        assertEquals(0, balance.getOrDefault("reserved", BigDecimal.ZERO).signum(), "stuck in reserved: " + balance);
        return balance;
    }

    /**
     * The buyer's maintained order counts (the shards {@code USER#<id> / ORDERCOUNT, ORDERCOUNT#k}, read consistently,
     * summed) equal a count of the buyer's list, status by status: every order transaction of the round moved them
     * exactly once. The buyers are new, so the counts were never set from the list: what they hold is the sum of the
     * writes' own moves.
     */
    void checkOrderCounts(Buyer buyer) {
        Map<String, Long> maintained = new HashMap<>();
        Map<String, Long> counted = new HashMap<>();
        for (OrderStatus status : OrderStatus.values()) {
            maintained.put(status.wire(), 0L);
            counted.put(status.wire(), 0L);
        }
        for (int shard = 0; shard < OrderCounts.SHARDS; shard++) {
            Map<String, AttributeValue> counter = item(OrderCounts.key(buyer.userId(), shard));
            for (Map.Entry<String, AttributeValue> count : counter == null ? Map.<String, AttributeValue>of().entrySet()
                    : counter.entrySet()) {
                for (OrderStatus status : OrderStatus.values()) {
                    if (count.getKey().equals(status.wire()) || count.getKey().endsWith("#" + status.wire())) {
                        maintained.merge(status.wire(), Long.parseLong(count.getValue().n()), Long::sum);
                    }
                }
            }
        }
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName(TableSchema.GSI1)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attrs.s(OrderItems.userOrders(buyer.userId())))).build())
                .items().forEach(order -> {
                    if (!order.containsKey(OrderCounts.VERSION)) {
                        counted.merge(Attrs.str(order, "status"), 1L, Long::sum);
                    }
                });
        assertEquals(counted, maintained, "the maintained order counts of " + buyer + " differ from its list");
    }

    /** The buyer's rub balance by bucket; a bucket never written is absent. */
    Map<String, BigDecimal> balance(Buyer buyer) {
        Map<String, AttributeValue> item = item("USER#" + buyer.userId(), "BALANCE#rub");
        Map<String, BigDecimal> buckets = new HashMap<>();
        for (String bucket : BUCKETS) {
            if (item.containsKey(bucket)) {
                buckets.put(bucket, Attrs.decimal(item, bucket));
            }
        }
        return buckets;
    }

    /** The sum of the buyer's rub ledger entries by bucket. */
    Map<String, BigDecimal> ledger(Buyer buyer) {
        Map<String, BigDecimal> sums = new HashMap<>();
        for (Map<String, AttributeValue> entry : ledgerEntries(buyer)) {
            if ("rub".equals(Attrs.str(entry, "currency"))) {
                sums.merge(Attrs.str(entry, "bucket"), Attrs.decimal(entry, "amount"), BigDecimal::add);
            }
        }
        return sums;
    }

    /** The buyer's ledger entries that name {@code orderId}. */
    List<Map<String, AttributeValue>> orderEntries(Buyer buyer, String orderId) {
        return ledgerEntries(buyer).stream().filter(entry -> orderId.equals(Attrs.str(entry, "orderId"))).toList();
    }

    /** The net of an order's ledger entries over every bucket: what it took from the buyer's balance. */
    BigDecimal charged(Buyer buyer, String orderId) {
        return orderEntries(buyer, orderId).stream().map(entry -> Attrs.decimal(entry, "amount"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    List<Map<String, AttributeValue>> ledgerEntries(Buyer buyer) {
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s("USER#" + buyer.userId()), ":ledger",
                        Attrs.s("LEDGER#")))
                .consistentRead(true).build()).items().forEach(entries::add);
        return entries;
    }

    Map<String, AttributeValue> item(String pk, String sk) {
        return item(Attrs.key(pk, sk));
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        return dynamo.getItem(GetItemRequest.builder().tableName(table).key(key).consistentRead(true).build()).item();
    }
}
