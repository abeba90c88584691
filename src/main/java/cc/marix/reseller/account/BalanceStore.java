package cc.marix.reseller.account;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.Cancellation;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Ids;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Balances ({@code USER#<id> / BALANCE#<currency>}: available, reserved, pending) and their ledger
 * ({@code USER#<id> / LEDGER#<entryId>}, the entry id a UUIDv7, so entries sort by time). A balance changes only in
 * a transaction with its ledger entries (one per bucket it changes), and a debit is conditional on enough being in
 * the bucket, so a balance never goes below zero and each bucket's entries always sum to it.
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
    private final Ids ids;

    public BalanceStore(DynamoDbClient dynamo, AppConfig config, Ids ids) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.ids = ids;
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
                .key(balanceKey(userId, currency))
                .updateExpression("ADD #available :amount");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":amount", Attrs.n(amount)));
        if (amount.signum() < 0) {
            balance.conditionExpression("#available >= :debit");
            values.put(":debit", Attrs.n(amount.negate()));
        }
        balance.expressionAttributeNames(Map.of("#available", AVAILABLE)).expressionAttributeValues(values);
        try {
            Transactions.write(dynamo, List.of(TransactWriteItem.builder().update(balance.build()).build(),
                    ledger(userId, new Entry(entryId, currency, AVAILABLE, amount, reason, null, at))),
                    "balance-adjust", entryId);
            return Adjusted.DONE;
        } catch (TransactionCanceledException cancelled) {
            if (Cancellation.conditionFailed(cancelled, 0)) {
                return Adjusted.INSUFFICIENT;
            }
            if (Cancellation.conditionFailed(cancelled, 1)) {
                return Adjusted.DUPLICATE;
            }
            // a conflict or throttling wrote nothing: the caller must hear it (503), never "done"
            throw cancelled;
        }
    }

    /**
     * The writes that move {@code amount} from available to reserved for an order: the balance update first (its
     * condition, enough available, is what refuses an order the balance cannot pay), then one ledger entry per bucket.
     */
    public List<TransactWriteItem> reserve(String userId, BalanceCurrency currency, BigDecimal amount, String orderId,
            String at) {
        String reason = "order " + orderId + ": reserved";
        return List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(balanceKey(userId, currency))
                        .updateExpression("ADD #available :debit, #reserved :amount")
                        .conditionExpression("#available >= :amount")
                        .expressionAttributeNames(Map.of("#available", AVAILABLE, "#reserved", RESERVED))
                        .expressionAttributeValues(Map.of(":amount", Attrs.n(amount), ":debit", Attrs.n(amount.negate())))
                        .build()).build(),
                ledger(userId, new Entry(ids.nextString(), currency, AVAILABLE, amount.negate(), reason, orderId, at)),
                ledger(userId, new Entry(ids.nextString(), currency, RESERVED, amount, reason, orderId, at)));
    }

    /** The writes that spend an order's reserved amount once it is delivered: the money leaves the balance. */
    public List<TransactWriteItem> spend(String userId, BalanceCurrency currency, BigDecimal amount, String orderId,
            String at) {
        return debit(userId, currency, RESERVED, amount, "order " + orderId + ": delivered", orderId, at);
    }

    /**
     * The writes that bring money received from outside (a payment) into one bucket: {@code reserved} when it pays
     * an order that is delivered in the same breath, {@code available} when it cannot be used for its order.
     */
    public List<TransactWriteItem> receive(String userId, BalanceCurrency currency, BigDecimal amount, boolean reserved,
            String reason, String orderId, String at) {
        String bucket = reserved ? RESERVED : AVAILABLE;
        return List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(balanceKey(userId, currency))
                        .updateExpression("ADD #bucket :amount")
                        .expressionAttributeNames(Map.of("#bucket", bucket))
                        .expressionAttributeValues(Map.of(":amount", Attrs.n(amount)))
                        .build()).build(),
                ledger(userId, new Entry(ids.nextString(), currency, bucket, amount, reason, orderId, at)));
    }

    /**
     * The writes that show money a provider says is on its way to the balance (a top-up not final yet) in the
     * {@code pending} bucket, with its ledger entry. Not spendable: it moves to available only when credited.
     */
    public List<TransactWriteItem> holdPending(String userId, BalanceCurrency currency, BigDecimal amount,
            String reason, String at) {
        return List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(balanceKey(userId, currency))
                        .updateExpression("ADD #pending :amount")
                        .expressionAttributeNames(Map.of("#pending", PENDING))
                        .expressionAttributeValues(Map.of(":amount", Attrs.n(amount)))
                        .build()).build(),
                ledger(userId, new Entry(ids.nextString(), currency, PENDING, amount, reason, null, at)));
    }

    /**
     * The writes that end a top-up's pending amount: {@code held} leaves pending (conditional on it being there) and
     * {@code credited} (zero when the payment failed) comes into available, in one update of the balance (a
     * transaction may change an item once), with one ledger entry per bucket it changes.
     */
    public List<TransactWriteItem> settlePending(String userId, BalanceCurrency currency, BigDecimal held,
            BigDecimal credited, String reason, String at) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(balanceKey(userId, currency))
                .updateExpression("ADD #pending :release, #available :credit")
                .conditionExpression("#pending >= :held")
                .expressionAttributeNames(Map.of("#pending", PENDING, "#available", AVAILABLE))
                .expressionAttributeValues(Map.of(":release", Attrs.n(held.negate()), ":held", Attrs.n(held),
                        ":credit", Attrs.n(credited)))
                .build()).build());
        writes.add(ledger(userId, new Entry(ids.nextString(), currency, PENDING, held.negate(), reason, null, at)));
        if (credited.signum() != 0) {
            writes.add(ledger(userId, new Entry(ids.nextString(), currency, AVAILABLE, credited, reason, null, at)));
        }
        return writes;
    }

    /**
     * The writes that take money that came from outside back out of the available balance (a provider refunded
     * it), conditional on it still being there: a balance never goes below zero.
     */
    public List<TransactWriteItem> withdraw(String userId, BalanceCurrency currency, BigDecimal amount, String reason,
            String at) {
        return debit(userId, currency, AVAILABLE, amount, reason, null, at);
    }

    /** Takes {@code amount} out of one bucket, conditional on it holding that much, with its ledger entry. */
    private List<TransactWriteItem> debit(String userId, BalanceCurrency currency, String bucket, BigDecimal amount,
            String reason, String orderId, String at) {
        return List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(balanceKey(userId, currency))
                        .updateExpression("ADD #bucket :debit")
                        .conditionExpression("#bucket >= :amount")
                        .expressionAttributeNames(Map.of("#bucket", bucket))
                        .expressionAttributeValues(Map.of(":amount", Attrs.n(amount),
                                ":debit", Attrs.n(amount.negate())))
                        .build()).build(),
                ledger(userId, new Entry(ids.nextString(), currency, bucket, amount.negate(), reason, orderId, at)));
    }

    /** One ledger entry: a signed change of one bucket, so the entries of a bucket sum to its balance. */
    record Entry(String entryId, BalanceCurrency currency, String bucket, BigDecimal amount, String reason,
            String orderId, String at) {
    }

    private TransactWriteItem ledger(String userId, Entry entry) {
        Map<String, AttributeValue> item = new HashMap<>(Attrs.key(userPk(userId), "LEDGER#" + entry.entryId()));
        item.put("entryId", Attrs.s(entry.entryId()));
        item.put("currency", Attrs.s(entry.currency().wire()));
        item.put("amount", Attrs.n(entry.amount()));
        item.put("bucket", Attrs.s(entry.bucket()));
        item.put("reason", Attrs.s(entry.reason()));
        Attrs.putIfPresent(item, "orderId", entry.orderId());
        item.put("createdAt", Attrs.s(entry.at()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static Map<String, AttributeValue> balanceKey(String userId, BalanceCurrency currency) {
        return Attrs.key(userPk(userId), "BALANCE#" + currency.wire());
    }

    static String userPk(String userId) {
        return "USER#" + userId;
    }

    private static BigDecimal amount(Map<String, AttributeValue> item, String name) {
        BigDecimal value = Attrs.decimal(item, name);
        return value == null ? BigDecimal.ZERO : value;
    }
}
