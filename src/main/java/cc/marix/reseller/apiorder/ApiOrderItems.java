package cc.marix.reseller.apiorder;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.order.OrderItems;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps an {@link ApiOrder} to its item {@code ORDER#<orderId> / ORDER} (the partner orders' key space, told apart by
 * {@code source = api}). The lines, their codes and the history live in the item itself. gsi1 lists a user's orders
 * newest first; gsi2 holds the order while the order-expiry function may have work with it: {@code PAYMENT_DUE} by
 * {@code paymentExpiresAt} while it waits for a payment, {@code COMPLETION_DUE} while it is paid but not delivered.
 */
@ApplicationScoped
public class ApiOrderItems {

    static final String USER_ID = OrderItems.USER_ID;
    static final String IDEMPOTENCY_KEY = "idempotencyKey";
    static final String IS_MOCK = "isMock";
    static final String CURRENCY = "currency";
    static final String PRICE = "price";
    static final String STATUS = "status";
    static final String CANCEL_REASON = "cancelReason";
    static final String CREATED_AT = "createdAt";
    static final String PAYMENT_EXPIRES_AT = "paymentExpiresAt";
    static final String COMPLETED_AT = "completedAt";
    /**
     * How the order was paid ({@code balance}, or the provider of the payment that paid it: {@code tribute},
     * {@code merchant}, {@code admin} for markOrderPaid); absent while unpaid. What {@code payment_method} filters on.
     */
    static final String PAYMENT_METHOD = "paymentMethod";
    static final String LINES = "lines";
    static final String EVENTS = "events";
    /** Every product id and slug the order holds: what {@code item_id} filters on. */
    static final String PRODUCT_REFS = "productRefs";
    static final String PAYMENT_DUE = "PAYMENT_DUE";
    static final String COMPLETION_DUE = "COMPLETION_DUE";

    private final ObjectMapper json;

    public ApiOrderItems(ObjectMapper json) {
        this.json = json;
    }

    static boolean isApiOrder(Map<String, AttributeValue> item) {
        return ApiOrder.SOURCE.equals(Attrs.str(item, OrderItems.SOURCE));
    }

    /** The order as stored; {@code dueAt}, when given, files it in gsi2 under the work its status waits for. */
    Map<String, AttributeValue> toItem(ApiOrder order, Instant dueAt) {
        Map<String, AttributeValue> item = new HashMap<>(OrderItems.key(order.orderId()));
        item.put("orderId", Attrs.s(order.orderId()));
        item.put(OrderItems.SOURCE, Attrs.s(ApiOrder.SOURCE));
        item.put(USER_ID, Attrs.s(order.userId()));
        Attrs.putIfPresent(item, IDEMPOTENCY_KEY, order.idempotencyKey());
        item.put(IS_MOCK, Attrs.bool(order.isMock()));
        item.put(CURRENCY, Attrs.s(order.currency().wire()));
        item.put(PRICE, Attrs.n(order.price()));
        item.put(STATUS, Attrs.s(order.status().wire()));
        Attrs.putIfPresent(item, CANCEL_REASON, order.cancelReason());
        item.put(CREATED_AT, Attrs.s(order.createdAt()));
        Attrs.putIfPresent(item, PAYMENT_EXPIRES_AT, order.paymentExpiresAt());
        Attrs.putIfPresent(item, COMPLETED_AT, order.completedAt());
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            // written paid: the balance paid it (a sandbox order stands in for one paid so)
            item.put(PAYMENT_METHOD, Attrs.s(OrderFilter.BALANCE));
        }
        item.put(LINES, lines(order.lines()));
        item.put(EVENTS, Attrs.list(order.events().stream().map(OrderItems::event).toList()));
        Set<String> refs = new LinkedHashSet<>();
        order.lines().forEach(line -> {
            refs.add(line.product().id());
            refs.add(line.product().slug());
        });
        if (!refs.isEmpty()) {
            item.put(PRODUCT_REFS, Attrs.ss(refs));
        }
        item.put(TableSchema.GSI1_PK, Attrs.s(OrderItems.userOrders(order.userId())));
        item.put(TableSchema.GSI1_SK, Attrs.s(OrderItems.newestLast(order.createdAt(), order.orderId())));
        if (dueAt != null) {
            item.putAll(dueKeys(order.status(), dueAt, order.orderId()));
        }
        return item;
    }

    /** gsi2 keys that file the order under the work its status waits for, due at {@code dueAt}. */
    static Map<String, AttributeValue> dueKeys(OrderStatus status, Instant dueAt, String orderId) {
        String kind = switch (status) {
            case PENDING_PAYMENT -> PAYMENT_DUE;
            case ACTIVE -> COMPLETION_DUE;
            default -> throw new IllegalArgumentException("no work is due for a " + status.wire() + " order");
        };
        return Map.of(TableSchema.GSI2_PK, Attrs.s(kind),
                TableSchema.GSI2_SK, Attrs.s(Times.sortable(dueAt) + "#" + orderId));
    }

    ApiOrder fromItem(Map<String, AttributeValue> item) {
        return new ApiOrder(
                Attrs.str(item, "orderId"),
                Attrs.str(item, USER_ID),
                Attrs.str(item, IDEMPOTENCY_KEY),
                Attrs.boolValue(item, IS_MOCK),
                BalanceCurrency.fromWire(Attrs.str(item, CURRENCY)).orElseThrow(),
                Attrs.decimal(item, PRICE),
                OrderStatus.fromWire(Attrs.str(item, STATUS)),
                Attrs.str(item, CANCEL_REASON),
                Attrs.str(item, CREATED_AT),
                Attrs.str(item, PAYMENT_EXPIRES_AT),
                Attrs.str(item, COMPLETED_AT),
                Attrs.listValue(item, LINES).stream().map(value -> toLine(value.m())).toList(),
                Attrs.listValue(item, EVENTS).stream().map(value -> OrderItems.toEvent(value.m())).toList());
    }

    AttributeValue lines(List<OrderLine> lines) {
        return Attrs.list(lines.stream().map(this::line).toList());
    }

    private AttributeValue line(OrderLine line) {
        return Attrs.map(Map.of(
                "product", Attrs.s(write(line.product())),
                "quantity", Attrs.n(line.quantity()),
                "note", Attrs.s(write(line.note())),
                "unitPrice", Attrs.n(line.unitPrice()),
                "price", Attrs.n(line.price()),
                "codes", Attrs.list(line.codes().stream().map(OrderItems::code).toList())));
    }

    private OrderLine toLine(Map<String, AttributeValue> line) {
        try {
            return new OrderLine(json.readValue(Attrs.str(line, "product"), ProductSnapshot.class),
                    (int) Attrs.longValue(line, "quantity", 0),
                    json.readTree(Attrs.str(line, "note")),
                    Attrs.decimal(line, "unitPrice"),
                    Attrs.decimal(line, "price"),
                    Attrs.listValue(line, "codes").stream().map(code -> OrderItems.toCode(code.m())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order line is not readable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("order line not serializable", e);
        }
    }
}
