package cc.marix.reseller.account;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Balances ({@code USER#<id> / BALANCE#<currency>}: available, reserved, pending) and their ledger
 * ({@code USER#<id> / LEDGER#<entryId>}, the entry id a UUIDv7, so entries sort by time). A balance changes only in a transaction with its ledger entry, and a
 * debit is conditional on enough being available, so a balance never goes below zero and the ledger always sums to it.
 */
@ApplicationScoped
public class BalanceStore {

    static final String AVAILABLE = "available";
    static final String RESERVED = "reserved";
    static final String PENDING = "pending";

    /** How an adjustment ended. */
    public enum Adjusted {
        DONE,
        INSUFFICIENT,
        DUPLICATE
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public BalanceStore(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    /** Every currency's balance, zero where nothing was ever credited. */
    public List<Balance> balances(String userId) {
        Map<BalanceCurrency, Map<String, AttributeValue>> stored = new EnumMap<>(BalanceCurrency.class);
        for (Map<String, AttributeValue> item : dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :balance)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s(userPk(userId)), ":balance", Attrs.s("BALANCE#")))
                .consistentRead(true)
                .build()).items()) {
            BalanceCurrency.fromWire(Attrs.str(item, "sk").substring("BALANCE#".length()))
                    .ifPresent(currency -> stored.put(currency, item));
        }
        return Arrays.stream(BalanceCurrency.values())
                .map(currency -> {
                    Map<String, AttributeValue> item = stored.getOrDefault(currency, Map.of());
                    return Balance.of(currency, amount(item, AVAILABLE), amount(item, RESERVED),
                            amount(item, PENDING));
                })
                .toList();
    }

    /**
     * Credits (amount > 0) or debits (amount < 0) the available balance, with its ledger entry, in one transaction.
     * The entry id makes a retried adjustment harmless: the same id is written once.
     */
    public Adjusted adjust(String userId, BalanceCurrency currency, BigDecimal amount, String reason, String entryId,
            String at) {
        Update.Builder balance = Update.builder().tableName(table)
                .key(Attrs.key(userPk(userId), "BALANCE#" + currency.wire()))
                .updateExpression("ADD #available :amount");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":amount", Attrs.n(amount)));
        if (amount.signum() < 0) {
            balance.conditionExpression("#available >= :debit");
            values.put(":debit", Attrs.n(amount.negate()));
        }
        balance.expressionAttributeNames(Map.of("#available", AVAILABLE)).expressionAttributeValues(values);
        Map<String, AttributeValue> entry = new HashMap<>(Attrs.key(userPk(userId), "LEDGER#" + entryId));
        entry.put("entryId", Attrs.s(entryId));
        entry.put("currency", Attrs.s(currency.wire()));
        entry.put("amount", Attrs.n(amount));
        entry.put("bucket", Attrs.s(AVAILABLE));
        entry.put("reason", Attrs.s(reason));
        entry.put("createdAt", Attrs.s(at));
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().update(balance.build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(entry)
                            .conditionExpression("attribute_not_exists(pk)").build()).build())
                    .build());
            return Adjusted.DONE;
        } catch (TransactionCanceledException cancelled) {
            boolean balanceRefused = "ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code());
            return balanceRefused ? Adjusted.INSUFFICIENT : Adjusted.DUPLICATE;
        }
    }

    static String userPk(String userId) {
        return "USER#" + userId;
    }

    private static BigDecimal amount(Map<String, AttributeValue> item, String name) {
        BigDecimal value = Attrs.decimal(item, name);
        return value == null ? BigDecimal.ZERO : value;
    }
}
