package cc.marix.reseller.apiorder;

import java.math.BigDecimal;
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
import cc.marix.reseller.order.OrderEvent;
import cc.marix.reseller.order.OrderItems;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.pricing.Prices;
import cc.marix.reseller.stock.StockCode;
import cc.marix.reseller.support.Times;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

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

    private final DynamoDbClient dynamo;
    private final String table;
    private final ApiOrderItems items;
    private final CatalogReader catalog;

    public OrderReader(DynamoDbClient dynamo, AppConfig config, ApiOrderItems items, CatalogReader catalog) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.items = items;
        this.catalog = catalog;
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

    /**
     * The user's orders, newest first, filtered (see {@link OrderFilter}), then paged. The period is the index's key
     * condition (gsi1's sort key starts with the creation time); the other filters run in DynamoDB. The total needs
     * every match, so the user's whole index (within the period) is read, the summary attributes only.
     */
    public OrderViews.Page page(String userId, OrderFilter filter, int limit, int offset) {
        if (filter.emptyPeriod()) {
            return new OrderViews.Page(List.of(), limit, offset, 0);
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Attrs.s(OrderItems.userOrders(userId))));
        List<String> filters = new ArrayList<>();
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
        List<String> projection = new ArrayList<>();
        for (String attribute : SUMMARY_ATTRIBUTES) {
            names.put("#p" + projection.size(), attribute);
            projection.add("#p" + (projection.size()));
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableSchema.GSI1)
                .keyConditionExpression("gsi1pk = :pk" + period(filter, values)).scanIndexForward(false)
                .projectionExpression(String.join(", ", projection))
                .expressionAttributeNames(names).expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        List<OrderViews.Summary> all = new ArrayList<>();
        dynamo.queryPaginator(query.build()).items().forEach(item -> all.add(summary(item)));
        List<OrderViews.Summary> page = offset >= all.size() ? List.of()
                : all.subList(offset, Math.min(all.size(), offset + limit));
        return new OrderViews.Page(List.copyOf(page), limit, offset, all.size());
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
