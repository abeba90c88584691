package cc.marix.reseller.apiorder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.catalog.CatalogReader;
import cc.marix.reseller.catalog.Localized;
import cc.marix.reseller.catalog.ProductView;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.order.Order;
import cc.marix.reseller.order.OrderCounts;
import cc.marix.reseller.order.OrderEvent;
import cc.marix.reseller.order.OrderItems;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.pricing.Prices;
import cc.marix.reseller.stock.StockCode;
import cc.marix.reseller.support.LruMap;
import cc.marix.reseller.support.Times;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A user's orders as the API shows them: those placed through the API and those of a partner linked to the user.
 * Only the owner sees an order; to anyone else it does not exist (404, never 403).
 */
@ApplicationScoped
public class OrderReader {

    /** What the list reads of each order: no lines, codes or history. */
    static final List<String> SUMMARY_ATTRIBUTES = List.of("orderId", OrderItems.SOURCE, "idempotencyKey", "price",
            "currency", "isMock", "status", "cancelReason", "createdAt", "paymentExpiresAt", "externalOrderId",
            "amount");
    /**
     * Orders of the period a filter no count covers is counted over, at least (if there are so many): beyond them,
     * its {@code total} is a lower bound.
     */
    static final int COUNT_SCAN = 100;
    /** The most items one Query call of the list looks at (DynamoDB stops at 1 MB anyway). */
    static final int MAX_QUERY_LIMIT = 1000;
    /**
     * Items per Query call of the backfill's read of a whole list: short calls, each well within the SDK's socket
     * timeout (a 1 MB page of a 100,000-order partition outlasted DynamoDB Local's 5 s under load).
     */
    static final int BACKFILL_PAGE = 250;
    /**
     * After a refused backfill, how long this container answers the user's lists as a filter no count covers (a
     * bounded count while reading) before reading the whole list again: a busy user's counts may move during every
     * full read, which must not then cost every list its whole history.
     */
    static final Duration BACKFILL_RETRY = Duration.ofMinutes(1);
    /** Users this container waits to backfill, at most; beyond, the oldest wait is forgotten (a read more, no harm). */
    static final int BACKFILL_WAITS = 10_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ApiOrderItems items;
    private final CatalogReader catalog;
    private final OrderCounts counts;
    private final Clock clock;
    /** Per user: when this container next tries to backfill after a refused one. */
    private final Map<String, Instant> backfillWaits = LruMap.of(BACKFILL_WAITS);

    public OrderReader(DynamoDbClient dynamo, AppConfig config, ApiOrderItems items, CatalogReader catalog,
            OrderCounts counts, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.items = items;
        this.catalog = catalog;
        this.counts = counts;
        this.clock = clock;
    }

    /** The user's order, in {@code language}; empty when unknown or someone else's. */
    public Optional<OrderViews.Detail> detail(String userId, String orderId, String language) {
        return owned(userId, orderId).map(item -> ApiOrderItems.isApiOrder(item)
                ? detail(items.fromItem(item), language)
                : partnerDetail(OrderItems.fromItem(item), language));
    }

    /** The user's order as the list shows it (one read, nothing of the catalog); empty as {@link #detail}. */
    public Optional<OrderViews.Summary> summary(String userId, String orderId) {
        return owned(userId, orderId).map(OrderReader::summary);
    }

    private Optional<Map<String, AttributeValue>> owned(String userId, String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(OrderItems.key(orderId)).consistentRead(true).build()).item();
        boolean mine = item != null && !item.isEmpty() && userId.equals(Attrs.str(item, OrderItems.USER_ID));
        return mine ? Optional.of(item) : Optional.empty();
    }

    /** A page and whether its {@code total} is exact (else it is a lower bound, see {@link #page}). */
    public record Listed(OrderViews.Page page, boolean exactTotal) {
    }

    /** What the list's Query calls found: the matching orders read, the count items, and whether they read it all. */
    private record Listing(List<OrderViews.Summary> matches, List<Map<String, AttributeValue>> counters,
            boolean complete) {
    }

    /**
     * The user's orders, newest first, filtered (see {@link OrderFilter}), then paged. The period is the index's key
     * condition (gsi1's sort key starts with the creation time); the other filters run in DynamoDB. The reads stop
     * once the page is found: the total is not counted by reading the history.
     * <ul>
     * <li>No filter, or statuses alone: {@code total} is exact, from the user's order counts ({@link OrderCounts}),
     * which the same Query reads first. A user whose counts were never set from the list (orders placed before the
     * counts existed, or no list read yet) has them set once, from one read of the whole list ({@link #backfill}).
     * <li>Any other filter: no count covers it, so it is counted while reading, over at least {@link #COUNT_SCAN}
     * orders of the period: exact when that reaches the end, else a lower bound that still exceeds
     * {@code offset + items} when more matches follow ({@link Listed#exactTotal} false), as a search engine's
     * "at least" hit count.
     * </ul>
     */
    public Listed page(String userId, OrderFilter filter, int limit, int offset) {
        if (filter.emptyPeriod()) {
            return new Listed(new OrderViews.Page(List.of(), limit, offset, 0), true);
        }
        Instant now = clock.instant();
        boolean counted = filter.countedByStatus() && !waitingToBackfill(userId, now);
        // an offset near Integer.MAX_VALUE must not wrap into a negative Query Limit
        int need = (int) Math.min(Integer.MAX_VALUE, (long) offset + limit);
        Listing listing = read(userId, filter, need, counted, now);
        if (!counted) {
            return new Listed(paged(listing.matches(), limit, offset, listing.matches().size()), listing.complete());
        }
        List<Map<String, AttributeValue>> counters = listing.counters();
        if (!OrderCounts.counted(counters)) {
            counters = backfill(userId, now);
        }
        long total = counts.total(counters, filter.statuses(), now);
        return new Listed(paged(listing.matches(), limit, offset, Math.toIntExact(total)), true);
    }

    private boolean waitingToBackfill(String userId, Instant now) {
        Instant retry = backfillWaits.get(userId);
        if (retry == null) {
            return false;
        }
        if (now.isBefore(retry)) {
            return true;
        }
        backfillWaits.remove(userId, retry);
        return false;
    }

    private void waitToBackfill(String userId, Instant now) {
        backfillWaits.put(userId, now.plus(BACKFILL_RETRY));
    }

    private static OrderViews.Page paged(List<OrderViews.Summary> matches, int limit, int offset, int total) {
        List<OrderViews.Summary> page = offset >= matches.size() ? List.of()
                : matches.subList(offset, Math.min(matches.size(), offset + limit));
        return new OrderViews.Page(List.copyOf(page), limit, offset, total);
    }

    /**
     * Reads the list newest first until {@code need} matches are found (and, when the total is counted while reading,
     * {@link #COUNT_SCAN} orders are looked at), or the end: the first call asks for just what the page needs (plus
     * the {@link OrderCounts#SHARDS} count items), each further call for twice as many (at most
     * {@link #MAX_QUERY_LIMIT}). Sandbox orders past their retention are left out (their counts have stopped counting;
     * TTL deletes them later).
     */
    private Listing read(String userId, OrderFilter filter, int need, boolean counted, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Attrs.s(OrderItems.userOrders(userId))));
        names.put("#ttl", TableSchema.TTL);
        values.put(":now", Attrs.n(now.getEpochSecond()));
        names.put("#countVersion", OrderCounts.VERSION);
        List<String> filters = new ArrayList<>(List.of("(attribute_not_exists(#ttl) OR #ttl > :now)",
                "attribute_not_exists(#countVersion)"));
        if (!filter.statuses().isEmpty()) {
            List<String> placeholders = new ArrayList<>();
            for (OrderStatus status : filter.statuses()) {
                placeholders.add(":s" + placeholders.size());
                values.put(placeholders.get(placeholders.size() - 1), Attrs.s(status.wire()));
            }
            names.put("#status", "status");
            filters.add("#status IN (" + String.join(", ", placeholders) + ")");
        }
        if (filter.itemRef() != null) {
            names.put("#refs", ApiOrderItems.PRODUCT_REFS);
            names.put("#productId", "productId");
            values.put(":item", Attrs.s(filter.itemRef()));
            filters.add("(contains(#refs, :item) OR #productId = :item)");
        }
        if (filter.paymentMethod() != null) {
            filters.add(paymentMethod(filter.paymentMethod(), names, values));
        }
        if (filter.deliveryMode() != null) {
            filters.add(deliveryMode(filter.deliveryMode(), names, values));
        }
        List<String> attributes = new ArrayList<>(SUMMARY_ATTRIBUTES);
        String filterExpression = String.join(" AND ", filters);
        if (counted) {
            attributes.addAll(List.of(TableSchema.SK, OrderCounts.VERSION, OrderCounts.COUNTED));
            attributes.addAll(counts.liveNames(now));
            filterExpression = "attribute_exists(#countVersion) OR (" + filterExpression + ")";
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableSchema.GSI1)
                .keyConditionExpression("gsi1pk = :pk" + period(filter, values)).scanIndexForward(false)
                .projectionExpression(projection(attributes, names)).filterExpression(filterExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values);
        List<OrderViews.Summary> matches = new ArrayList<>();
        List<Map<String, AttributeValue>> counters = new ArrayList<>();
        Map<String, AttributeValue> next = null;
        int scanned = 0;
        // the count items sort before every order: the first call reads them all with the page
        int callLimit = (int) Math.min(MAX_QUERY_LIMIT,
                OrderCounts.SHARDS + (counted ? need : Math.max(need + 1L, COUNT_SCAN)));
        do {
            QueryResponse response = dynamo.query(query.limit(callLimit).exclusiveStartKey(next).build());
            scanned += response.scannedCount();
            for (Map<String, AttributeValue> item : response.items()) {
                if (item.containsKey(OrderCounts.VERSION)) {
                    counters.add(item);
                } else {
                    matches.add(summary(item));
                }
            }
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            callLimit = Math.min(MAX_QUERY_LIMIT, callLimit * 2);
        } while (next != null && !enough(matches.size(), scanned, need, counted));
        return new Listing(matches, counters, next == null);
    }

    /**
     * Enough read: the page; and when the total is counted while reading, one match beyond it and the count's scan
     * (the count items, filtered out then, are among what was scanned).
     */
    private static boolean enough(int matched, int scanned, int need, boolean counted) {
        return counted ? matched >= need : matched > need && scanned >= COUNT_SCAN + OrderCounts.SHARDS;
    }

    private static String projection(List<String> attributes, Map<String, String> names) {
        List<String> projection = new ArrayList<>();
        for (String attribute : attributes) {
            names.put("#p" + projection.size(), attribute);
            projection.add("#p" + projection.size());
        }
        return String.join(", ", projection);
    }

    /**
     * Sets the user's order counts from one read of the whole list (the list's status, sandbox flag and creation
     * time of each order), once per user: orders placed before the counts existed are counted so, and from then on
     * every order write moves the counts. The write (one transaction over the shards) is conditional on no shard
     * having moved since they were read (their {@code countVersion}) and on nobody having set them first; when
     * refused, this answer still uses what was counted, and the next read tries again. Once per user: the list's
     * Query calls (250 orders a call) and the transaction. Answers the counts as one item.
     */
    private List<Map<String, AttributeValue>> backfill(String userId, Instant now) {
        Map<String, String> names = new HashMap<>();
        List<String> attributes = new ArrayList<>(List.of("status", "isMock", "createdAt", TableSchema.SK,
                OrderCounts.VERSION, OrderCounts.COUNTED));
        attributes.addAll(counts.liveNames(now));
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(TableSchema.GSI1)
                .keyConditionExpression("gsi1pk = :pk").projectionExpression(projection(attributes, names))
                .limit(BACKFILL_PAGE).expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":pk", Attrs.s(OrderItems.userOrders(userId)))).build();
        List<Map<String, AttributeValue>> orders = new ArrayList<>();
        List<Map<String, AttributeValue>> counters = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            if (item.containsKey(OrderCounts.VERSION)) {
                counters.add(item);
            } else {
                orders.add(item);
            }
        }
        if (OrderCounts.counted(counters)) {
            return counters;
        }
        Map<String, AttributeValue> baseline = counts.baseline(orders, now);
        try {
            Transactions.write(dynamo, counts.setBaseline(userId, baseline, counters, now), "order-counts-baseline",
                    userId);
        } catch (TransactionCanceledException moved) {
            // a shard moved since the read or too recently for the read to show it, or another read set them: this
            // answer uses what it counted, and the lists of the next minute count while reading
            waitToBackfill(userId, now);
        }
        return List.of(baseline);
    }

    /**
     * The key condition on gsi1's sort key ({@code <createdAt, sortable>#<orderId>}, createdAt in whole seconds) for
     * the period: from the first whole second at or after {@code createdFrom} to every order of the last whole second
     * at or before {@code createdTo} ({@code #~} sorts after {@code #} and any order id).
     */
    private static String period(OrderFilter filter, Map<String, AttributeValue> values) {
        String from = filter.createdFrom() == null ? null : Times.sortable(filter.firstSecond());
        String to = filter.createdTo() == null ? null : Times.sortable(filter.lastSecond()) + "#~";
        if (from != null) {
            values.put(":from", Attrs.s(from));
        }
        if (to != null) {
            values.put(":to", Attrs.s(to));
        }
        if (from != null && to != null) {
            return " AND gsi1sk BETWEEN :from AND :to";
        }
        return from != null ? " AND gsi1sk >= :from" : to != null ? " AND gsi1sk <= :to" : "";
    }

    /** A partner's order is paid by the partner; an API order by what its {@code paymentMethod} says. */
    private static String paymentMethod(String method, Map<String, String> names,
            Map<String, AttributeValue> values) {
        names.put("#source", OrderItems.SOURCE);
        if (OrderFilter.PARTNER.equals(method)) {
            values.put(":partnerSource", Attrs.s(Order.SOURCE_PARTNER));
            return "#source = :partnerSource";
        }
        names.put("#method", ApiOrderItems.PAYMENT_METHOD);
        values.put(":apiSource", Attrs.s(ApiOrder.SOURCE));
        values.put(":method", Attrs.s(method));
        return "#source = :apiSource AND #method = :method";
    }

    /** A partner's order keeps its {@code deliveryMode} ({@code sync}, {@code email}); an API order's is {@code api}. */
    private static String deliveryMode(String mode, Map<String, String> names, Map<String, AttributeValue> values) {
        names.put("#source", OrderItems.SOURCE);
        if (OrderFilter.API_DELIVERY.equals(mode)) {
            values.put(":apiOrders", Attrs.s(ApiOrder.SOURCE));
            return "#source = :apiOrders";
        }
        names.put("#delivery", OrderItems.DELIVERY_MODE);
        values.put(":partnerOrders", Attrs.s(Order.SOURCE_PARTNER));
        values.put(":delivery", Attrs.s(mode));
        return "#source = :partnerOrders AND #delivery = :delivery";
    }

    OrderViews.Detail detail(ApiOrder order, String language) {
        boolean delivered = order.status() == OrderStatus.COMPLETED;
        List<OrderViews.Item> lines = order.lines().stream().map(line -> new OrderViews.Item(
                product(line.product().id(), line.product().name(), line.product().userGuide(),
                        line.product().attributes(), line.product().isService(), line.product().categoryId(), language),
                line.quantity(), delivered ? values(line.codes()) : List.of(), null)).toList();
        return new OrderViews.Detail(order.orderId(), order.idempotencyKey(), Prices.text(order.price()),
                order.currency().wire(), order.isMock(), order.status().wire(), order.cancelReason(),
                order.createdAt(), lines, null, order.paymentExpiresAt(), events(order.events()));
    }

    private OrderViews.Detail partnerDetail(Order order, String language) {
        OrderViews.Product product = catalog.product(order.productId())
                .map(CatalogReader.StockedProduct::product)
                .map(found -> product(found.id(), found.name(), found.userGuide(), found.attributes(),
                        found.isService(), found.categoryId(), language))
                .orElse(product(order.productId(), null, null, null, false, null, language));
        boolean delivered = order.status() == OrderStatus.COMPLETED;
        return new OrderViews.Detail(order.orderId(), order.externalOrderId(),
                order.amount() == null ? null : Prices.text(order.amount()), order.currency(), false,
                order.status().wire(), null, order.createdAt(),
                List.of(new OrderViews.Item(product, order.quantity(),
                        delivered ? values(order.codes()) : List.of(), null)),
                null, null, events(order.events()));
    }

    private static OrderViews.Summary summary(Map<String, AttributeValue> item) {
        boolean api = ApiOrderItems.isApiOrder(item);
        BigDecimal price = Attrs.decimal(item, api ? "price" : "amount");
        return new OrderViews.Summary(Attrs.str(item, "orderId"),
                Attrs.str(item, api ? "idempotencyKey" : "externalOrderId"),
                price == null ? null : Prices.text(price), Attrs.str(item, "currency"),
                Attrs.boolValue(item, "isMock"), Attrs.str(item, "status"), Attrs.str(item, "cancelReason"),
                Attrs.str(item, "createdAt"), Attrs.str(item, "paymentExpiresAt"));
    }

    private static OrderViews.Product product(String id, Map<String, String> name, Map<String, String> userGuide,
            JsonNode attributes, boolean isService, String categoryId, String language) {
        return new OrderViews.Product(id, Localized.pick(name, language), Localized.pick(userGuide, language),
                ProductView.objectOrEmpty(attributes), isService, categoryId);
    }

    private static List<String> values(List<StockCode> codes) {
        return codes.stream().map(StockCode::value).filter(Objects::nonNull).toList();
    }

    private static List<OrderViews.Event> events(List<OrderEvent> events) {
        return events.stream().map(event -> new OrderViews.Event(event.at(), event.type(), event.status().wire(),
                event.detail())).toList();
    }
}
