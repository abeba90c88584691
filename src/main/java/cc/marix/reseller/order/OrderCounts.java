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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * How many orders a user's list holds, per status, kept so that {@code GET /api/orders/} answers {@code total}
 * without reading the user's history. One item, {@code USER#<userId> / ORDERCOUNT}, filed in the list's own gsi1
 * partition under a sort key after every order's time, so the list's one Query reads it first, in the same call.
 * <p>
 * Orders that stay are counted per status ({@code pending_payment}, {@code active}, ...). Sandbox orders leave the
 * list when their retention ends, which no write sees (DynamoDB's TTL deletes them), so they are counted per UTC day
 * of creation ({@code sandbox#<yyyyMMdd>#<status>}) and a sandbox order is kept until the end of its day plus the
 * retention ({@link #sandboxExpiry}): a day's counts stop counting at the instant its orders stop showing.
 * <p>
 * Every write that adds an order to the list or moves its status moves the counts in the same transaction (an ADD:
 * concurrent writers never lose each other's counts; a transaction's repeat is answered by its token, so it counts
 * once). {@code countVersion} goes up with every change; {@code counted} says the counts were once set from the whole
 * list (the backfill of a user whose orders predate the counts, {@link #baseline}), after which the ADDs keep them exact.
 */
@ApplicationScoped
public class OrderCounts {

    public static final String SK = "ORDERCOUNT";
    /** gsi1 sort key: after every order's ({@code <time>#<orderId>}, digits first), so newest-first reads it first. */
    public static final String GSI1_SK = "~COUNT";
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

    public static Map<String, AttributeValue> key(String userId) {
        return Attrs.key("USER#" + userId, SK);
    }

    /** When a sandbox order created at {@code createdAt} leaves the list: the end of its UTC day plus the retention. */
    public Instant sandboxExpiry(Instant createdAt) {
        return createdAt.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(sandboxRetention);
    }

    /** The write that counts a new order of {@code userId} in {@code status}. */
    public TransactWriteItem created(String userId, boolean sandbox, Instant createdAt, OrderStatus status) {
        return update(userId, Map.of(name(sandbox, createdAt, status), 1L));
    }

    /** The write that moves one order of {@code userId} from {@code from} to {@code to}. */
    public TransactWriteItem moved(String userId, boolean sandbox, Instant createdAt, OrderStatus from,
            OrderStatus to) {
        return update(userId, Map.of(name(sandbox, createdAt, from), -1L, name(sandbox, createdAt, to), 1L));
    }

    private TransactWriteItem update(String userId, Map<String, Long> deltas) {
        Map<String, String> names = new HashMap<>(Map.of("#version", VERSION, "#gpk", TableSchema.GSI1_PK,
                "#gsk", TableSchema.GSI1_SK, "#movedAt", MOVED_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", Attrs.n(1),
                ":gpk", Attrs.s(OrderItems.userOrders(userId)), ":gsk", Attrs.s(GSI1_SK),
                ":movedAt", Attrs.n(clock.millis())));
        List<String> adds = new ArrayList<>(List.of("#version :one"));
        for (Map.Entry<String, Long> delta : deltas.entrySet()) {
            String n = String.valueOf(adds.size());
            names.put("#c" + n, delta.getKey());
            values.put(":d" + n, Attrs.n(delta.getValue()));
            adds.add("#c" + n + " :d" + n);
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(userId))
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
     * The number of orders in {@code statuses} (all when empty) the counter item holds at {@code now}: the orders that
     * stay, and the sandbox orders of the days whose retention has not ended.
     */
    public long total(Map<String, AttributeValue> counter, Set<OrderStatus> statuses, Instant now) {
        long total = 0;
        for (String name : liveNames(now)) {
            String status = name.substring(name.lastIndexOf('#') + 1);
            if (statuses.isEmpty() || statuses.contains(OrderStatus.fromWire(status))) {
                total += Attrs.longValue(counter, name, 0);
            }
        }
        return total;
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
            Instant createdAt = Instant.parse(Attrs.str(order, "createdAt"));
            counts.merge(name(sandbox, createdAt, status), 1L, Long::sum);
        }
        Map<String, AttributeValue> item = new HashMap<>();
        counts.forEach((name, count) -> item.put(name, Attrs.n(count)));
        return item;
    }

    /**
     * The backfill's write: the counts of {@code baseline}, marked {@code counted}, only if no order moved the counts
     * since the list was read ({@code seenVersion} as read, null: there was no counter item), the last move was
     * {@link #SETTLE} before {@code now} (the list read may not yet have shown it) and no other reader set them
     * first. Refused otherwise; the next read tries again.
     */
    public UpdateItemRequest setBaseline(String userId, Map<String, AttributeValue> baseline, Long seenVersion,
            Instant now) {
        Map<String, String> names = new HashMap<>(Map.of("#counted", COUNTED, "#gpk", TableSchema.GSI1_PK,
                "#gsk", TableSchema.GSI1_SK, "#version", VERSION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":true", Attrs.bool(true),
                ":gpk", Attrs.s(OrderItems.userOrders(userId)), ":gsk", Attrs.s(GSI1_SK), ":zero", Attrs.n(0)));
        // the version is what tells the counts item from an order in the list's partition: present from the start
        List<String> sets = new ArrayList<>(List.of("#counted = :true", "#gpk = :gpk", "#gsk = :gsk",
                "#version = if_not_exists(#version, :zero)"));
        for (Map.Entry<String, AttributeValue> count : baseline.entrySet()) {
            String n = String.valueOf(sets.size());
            names.put("#c" + n, count.getKey());
            values.put(":c" + n, count.getValue());
            sets.add("#c" + n + " = :c" + n);
        }
        String condition;
        if (seenVersion == null) {
            condition = "attribute_not_exists(pk)";
        } else {
            values.put(":seen", Attrs.n(seenVersion));
            values.put(":settled", Attrs.n(now.minus(SETTLE).toEpochMilli()));
            names.put("#movedAt", MOVED_AT);
            condition = "#version = :seen AND attribute_not_exists(#counted)"
                    + " AND (attribute_not_exists(#movedAt) OR #movedAt < :settled)";
        }
        return UpdateItemRequest.builder().tableName(table).key(key(userId))
                .updateExpression("SET " + String.join(", ", sets)).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
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
