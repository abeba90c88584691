package cc.marix.reseller.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How many orders a user's list holds, per status, kept so that {@code GET /api/orders/} answers {@code total}
 * without reading the user's history. {@link #SHARDS} items, {@code USER#<userId> / ORDERCOUNT} (shard 0, the item
 * of before the shards) and {@code ORDERCOUNT#1..7}, filed in the list's own gsi1 partition under sort keys after every
 * order's time, so the list's one Query reads them first, in the same call; the counts are their sums.
 * <p>
 * Each order moves the counts of one shard, chosen from its id: concurrent orders of one user (a linked partner's
 * parallel notifications) spread over the shards instead of all cancelling each other's transactions on one item
 * (TransactionConflict), and the writes of one order are the same writes each time they are built, so a resent
 * transaction carries the same token ({@code store.Transactions}).
 * <p>
 * Orders that stay are counted per status ({@code pending_payment}, {@code active}, ...). Sandbox orders leave the
 * list when their retention ends, which no write sees (DynamoDB's TTL deletes them), so they are counted per UTC day
 * of creation ({@code sandbox#<yyyyMMdd>#<status>}) and a sandbox order is kept until the end of its day plus the
 * retention ({@link #sandboxExpiry}): a day's counts stop counting at the instant its orders stop showing.
 * <p>
 * Every write that adds an order to the list or moves its status moves the counts in the same transaction (an ADD:
 * concurrent writers never lose each other's counts; a transaction's repeat is answered by its token, so it counts
 * once). A shard's {@code countVersion} goes up with every change of it; {@code counted} (on shard 0) says the counts
 * were once set from the whole list (the backfill of a user whose orders predate the counts, {@link #baseline}),
 * after which the ADDs keep them exact.
 */
@ApplicationScoped
public class OrderCounts {

    /** Shard 0's sort key, the one item of before the shards; shard k's is {@code ORDERCOUNT#k}. */
    public static final String SK = "ORDERCOUNT";
    /**
     * gsi1 sort key of shard 0 ({@code ~COUNT#k} for shard k): after every order's ({@code <time>#<orderId>}, digits
     * first), so newest-first reads the shards first.
     */
    public static final String GSI1_SK = "~COUNT";
    /**
     * Count items per user: a storage layout constant (fewer would strand counts in dropped shards). Eight, as the
     * stock counters: 40 notifications of a linked partner at once were all answered, with a fraction of the
     * conflicts of one item, while the list reads at most 8 small items more in the same Query.
     */
    public static final int SHARDS = 8;
    public static final String VERSION = "countVersion";
    public static final String COUNTED = "counted";
    /** When the counts last moved (epoch millis): the backfill trusts no read of the list taken soon after. */
    static final String MOVED_AT = "movedAt";
    /**
     * How long an order write may take to show in gsi1 after its transaction: the order and the counts reach the index
     * each on its own, so a list read sooner after a move may hold the moved counts with the order still as it was.
     */
    public static final Duration SETTLE = Duration.ofSeconds(10);
    static final String SANDBOX_PREFIX = "sandbox#";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final String table;
    private final Duration sandboxRetention;
    private final Clock clock;

    public OrderCounts(AppConfig config, Clock clock) {
        this.table = config.table().name();
        this.sandboxRetention = config.orders().mockRetention();
        this.clock = clock;
    }

    /** Shard {@code shard}'s key; shard 0 is the unsuffixed item the counts had before they were sharded. */
    public static Map<String, AttributeValue> key(String userId, int shard) {
        return Attrs.key("USER#" + userId, shard == 0 ? SK : SK + "#" + shard);
    }

    /** Which shard a count item is, from its sort key. */
    public static int shardOf(Map<String, AttributeValue> counter) {
        String sk = Attrs.str(counter, TableSchema.SK);
        return sk.equals(SK) ? 0 : Integer.parseInt(sk.substring(SK.length() + 1));
    }

    /** The shard the order's moves go to: the same for every write of the order, spread over the user's orders. */
    static int shard(String orderId) {
        return Math.floorMod(orderId.hashCode(), SHARDS);
    }

    private static String gsi1Sk(int shard) {
        return shard == 0 ? GSI1_SK : GSI1_SK + "#" + shard;
    }

    /** When a sandbox order created at {@code createdAt} leaves the list: the end of its UTC day plus the retention. */
    public Instant sandboxExpiry(Instant createdAt) {
        return createdAt.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(sandboxRetention);
    }

    /** The write that counts a new order {@code orderId} of {@code userId} in {@code status}. */
    public TransactWriteItem created(String userId, String orderId, boolean sandbox, Instant createdAt,
            OrderStatus status) {
        return update(userId, shard(orderId), Map.of(name(sandbox, createdAt, status), 1L));
    }

    /** The write that moves the order {@code orderId} of {@code userId} from {@code from} to {@code to}. */
    public TransactWriteItem moved(String userId, String orderId, boolean sandbox, Instant createdAt,
            OrderStatus from, OrderStatus to) {
        return update(userId, shard(orderId),
                Map.of(name(sandbox, createdAt, from), -1L, name(sandbox, createdAt, to), 1L));
    }

    private TransactWriteItem update(String userId, int shard, Map<String, Long> deltas) {
        Map<String, String> names = new HashMap<>(Map.of("#version", VERSION, "#gpk", TableSchema.GSI1_PK,
                "#gsk", TableSchema.GSI1_SK, "#movedAt", MOVED_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", Attrs.n(1),
                ":gpk", Attrs.s(OrderItems.userOrders(userId)), ":gsk", Attrs.s(gsi1Sk(shard)),
                ":movedAt", Attrs.n(clock.millis())));
        List<String> adds = new ArrayList<>(List.of("#version :one"));
        for (Map.Entry<String, Long> delta : deltas.entrySet()) {
            String n = String.valueOf(adds.size());
            names.put("#c" + n, delta.getKey());
            values.put(":d" + n, Attrs.n(delta.getValue()));
            adds.add("#c" + n + " :d" + n);
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(userId, shard))
                .updateExpression("ADD " + String.join(", ", adds) + " SET #gpk = :gpk, #gsk = :gsk, #movedAt = :movedAt")
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .build()).build();
    }

    /** The names of the counts that can be live at {@code now}: every status, and the sandbox days not yet over. */
    public List<String> liveNames(Instant now) {
        List<String> names = new ArrayList<>();
        for (OrderStatus status : OrderStatus.values()) {
            names.add(status.wire());
        }
        for (LocalDate day : liveSandboxDays(now)) {
            for (OrderStatus status : OrderStatus.values()) {
                names.add(SANDBOX_PREFIX + DAY.format(day.atStartOfDay(ZoneOffset.UTC)) + "#" + status.wire());
            }
        }
        return names;
    }

    /**
     * The number of orders in {@code statuses} (all when empty) the count items ({@code shards}, those that exist)
     * hold at {@code now}: the orders that stay, and the sandbox orders of the days whose retention has not ended.
     */
    public long total(List<Map<String, AttributeValue>> shards, Set<OrderStatus> statuses, Instant now) {
        long total = 0;
        for (String name : liveNames(now)) {
            String status = name.substring(name.lastIndexOf('#') + 1);
            if (statuses.isEmpty() || statuses.contains(OrderStatus.fromWire(status))) {
                for (Map<String, AttributeValue> shard : shards) {
                    total += Attrs.longValue(shard, name, 0);
                }
            }
        }
        return total;
    }

    /** Whether the counts were set from the whole list once ({@code counted}, on shard 0): the ADDs keep them exact. */
    public static boolean counted(List<Map<String, AttributeValue>> shards) {
        return shards.stream().anyMatch(shard -> shardOf(shard) == 0 && Attrs.boolValue(shard, COUNTED));
    }

    /**
     * The counts of a whole list read at once (the backfill), as the counter item holds them: {@code orders} are every
     * order of the list with its {@code status}, {@code isMock} and {@code createdAt}; every count live at {@code now}
     * is present, 0 when nothing counts in it.
     */
    public Map<String, AttributeValue> baseline(List<Map<String, AttributeValue>> orders, Instant now) {
        Map<String, Long> counts = new HashMap<>();
        for (String name : liveNames(now)) {
            counts.put(name, 0L);
        }
        for (Map<String, AttributeValue> order : orders) {
            OrderStatus status = OrderStatus.fromWire(Attrs.str(order, "status"));
            boolean sandbox = Attrs.boolValue(order, "isMock");
            Instant createdAt = Times.parse(Attrs.str(order, "createdAt"));
            counts.merge(name(sandbox, createdAt, status), 1L, Long::sum);
        }
        Map<String, AttributeValue> item = new HashMap<>();
        counts.forEach((name, count) -> item.put(name, Attrs.n(count)));
        return item;
    }

    /**
     * The backfill's write, one transaction over the shards: the counts of {@code baseline} into shard 0, marked
     * {@code counted}, the live counts of every other shard that exists set to 0 (the baseline counted their moves
     * already), each only if it did not move since the list was read ({@code seen}: the shards as read; one not read
     * must still not exist, a condition check that leaves it absent: a later move creates it from 0) and its last
     * move was {@link #SETTLE} before {@code now} (the list read may not yet have shown it), and only if no other
     * reader set them first. A shard created or moved meanwhile cancels it all; the next read tries again.
     */
    public List<TransactWriteItem> setBaseline(String userId, Map<String, AttributeValue> baseline,
            List<Map<String, AttributeValue>> seen, Instant now) {
        Map<Integer, Map<String, AttributeValue>> seenShards = new HashMap<>();
        for (Map<String, AttributeValue> shard : seen) {
            seenShards.put(shardOf(shard), shard);
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            Map<String, AttributeValue> read = seenShards.get(shard);
            if (shard == 0) {
                writes.add(setShard(userId, 0, baseline, read, now));
            } else if (read != null) {
                Map<String, AttributeValue> zeros = new HashMap<>();
                baseline.keySet().stream().filter(read::containsKey).forEach(name -> zeros.put(name, Attrs.n(0)));
                writes.add(setShard(userId, shard, zeros, read, now));
            } else {
                writes.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                        .key(key(userId, shard)).conditionExpression("attribute_not_exists(pk)").build()).build());
            }
        }
        return writes;
    }

    private TransactWriteItem setShard(String userId, int shard, Map<String, AttributeValue> counts,
            Map<String, AttributeValue> read, Instant now) {
        Map<String, String> names = new HashMap<>(Map.of("#gpk", TableSchema.GSI1_PK, "#gsk", TableSchema.GSI1_SK,
                "#version", VERSION, "#counted", COUNTED));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":gpk", Attrs.s(OrderItems.userOrders(userId)),
                ":gsk", Attrs.s(gsi1Sk(shard)), ":zero", Attrs.n(0)));
        // the version is what tells a count item from an order in the list's partition: present from the start
        List<String> sets = new ArrayList<>(List.of("#gpk = :gpk", "#gsk = :gsk",
                "#version = if_not_exists(#version, :zero)"));
        if (shard == 0) {
            values.put(":true", Attrs.bool(true));
            sets.add("#counted = :true");
        }
        for (Map.Entry<String, AttributeValue> count : counts.entrySet()) {
            String n = String.valueOf(sets.size());
            names.put("#c" + n, count.getKey());
            values.put(":c" + n, count.getValue());
            sets.add("#c" + n + " = :c" + n);
        }
        String condition;
        if (read == null) {
            condition = "attribute_not_exists(pk)";
        } else {
            values.put(":seen", Attrs.n(Attrs.longValue(read, VERSION, 0)));
            values.put(":settled", Attrs.n(now.minus(SETTLE).toEpochMilli()));
            names.put("#movedAt", MOVED_AT);
            condition = "#version = :seen AND attribute_not_exists(#counted)"
                    + " AND (attribute_not_exists(#movedAt) OR #movedAt < :settled)";
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(userId, shard))
                .updateExpression("SET " + String.join(", ", sets)).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    private String name(boolean sandbox, Instant createdAt, OrderStatus status) {
        return sandbox ? SANDBOX_PREFIX + DAY.format(createdAt) + "#" + status.wire() : status.wire();
    }

    /** Days whose sandbox orders still show at {@code now}: created on a day whose end plus the retention is later. */
    private List<LocalDate> liveSandboxDays(Instant now) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (LocalDate day = today; sandboxExpiry(day.atStartOfDay(ZoneOffset.UTC).toInstant()).isAfter(now);
                day = day.minusDays(1)) {
            days.add(day);
        }
        return days;
    }
}
