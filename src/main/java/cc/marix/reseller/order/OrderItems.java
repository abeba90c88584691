package cc.marix.reseller.order;

import java.util.HashMap;
import java.util.Map;

import cc.marix.reseller.stock.CodeType;
import cc.marix.reseller.stock.StockCode;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps an {@link Order} to its item {@code ORDER#<orderId> / ORDER}. The delivered codes and the history live in the
 * order item itself, so creating, delivering and recording an order is one write, not one per code or event.
 */
public final class OrderItems {

    static final String SK = "ORDER";
    public static final String ORDER_PK_PREFIX = "ORDER#";
    static final String ORDER_ID = "orderId";
    public static final String SOURCE = "source";
    static final String PARTNER = "partner";
    public static final String USER_ID = "userId";
    static final String EXTERNAL_ORDER_ID = "externalOrderId";
    static final String EVENT_ID = "eventId";
    static final String PRODUCT_ID = "productId";
    static final String QUANTITY = "quantity";
    static final String AMOUNT = "amount";
    static final String CURRENCY = "currency";
    public static final String DELIVERY_MODE = "deliveryMode";
    static final String STATUS = "status";
    static final String CREATED_AT = "createdAt";
    static final String FULFILLED_AT = "fulfilledAt";
    static final String CODES = "codes";
    static final String EVENTS = "events";
    static final String CUSTOMER_EMAIL = "customerEmail";
    static final String CALLBACK_URL = "callbackUrl";
    static final String LANGUAGE = "language";
    static final String EMAIL_STATE = "emailState";
    static final String EMAIL_ATTEMPTS = "emailAttempts";
    static final String CALLBACK_STATE = "callbackState";
    static final String CALLBACK_ATTEMPTS = "callbackAttempts";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    /** The sparse due-work index: present only while a delivery step waits for its next attempt. */
    static final String DUE = "DELIVERY_DUE";

    private OrderItems() {
    }

    public static Map<String, AttributeValue> key(String orderId) {
        return Attrs.key(ORDER_PK_PREFIX + orderId, SK);
    }

    /** The gsi1 partition of one API user's orders, partner orders of a linked partner included. */
    public static String userOrders(String userId) {
        return "USER_ORDERS#" + userId;
    }

    /** The gsi1 sort key of an order: its creation time, so a reverse Query lists the newest first. */
    public static String newestLast(String createdAt, String orderId) {
        return Times.sortable(createdAt) + "#" + orderId;
    }

    static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(key(order.orderId()));
        item.put(ORDER_ID, Attrs.s(order.orderId()));
        item.put(SOURCE, Attrs.s(order.source()));
        Attrs.putIfPresent(item, PARTNER, order.partner());
        Attrs.putIfPresent(item, USER_ID, order.userId());
        Attrs.putIfPresent(item, EXTERNAL_ORDER_ID, order.externalOrderId());
        Attrs.putIfPresent(item, EVENT_ID, order.eventId());
        item.put(PRODUCT_ID, Attrs.s(order.productId()));
        item.put(QUANTITY, Attrs.n(order.quantity()));
        if (order.amount() != null) {
            item.put(AMOUNT, Attrs.n(order.amount()));
        }
        Attrs.putIfPresent(item, CURRENCY, order.currency());
        item.put(DELIVERY_MODE, Attrs.s(order.deliveryMode()));
        item.put(STATUS, Attrs.s(order.status().wire()));
        item.put(CREATED_AT, Attrs.s(order.createdAt()));
        Attrs.putIfPresent(item, FULFILLED_AT, order.fulfilledAt());
        item.put(CODES, Attrs.list(order.codes().stream().map(OrderItems::code).toList()));
        item.put(EVENTS, Attrs.list(order.events().stream().map(OrderItems::event).toList()));
        if (order.delivery() != null) {
            item.putAll(delivery(order.orderId(), order.delivery()));
        }
        // a linked partner's orders are its user's orders; the others are listed by partner
        item.put(TableSchema.GSI1_PK, Attrs.s(order.userId() != null ? userOrders(order.userId())
                : "PARTNER_ORDERS#" + order.partner()));
        item.put(TableSchema.GSI1_SK, Attrs.s(newestLast(order.createdAt(), order.orderId())));
        return item;
    }

    public static Order fromItem(Map<String, AttributeValue> item) {
        return new Order(
                Attrs.str(item, ORDER_ID),
                Attrs.str(item, SOURCE),
                Attrs.str(item, PARTNER),
                Attrs.str(item, USER_ID),
                Attrs.str(item, EXTERNAL_ORDER_ID),
                Attrs.str(item, EVENT_ID),
                Attrs.str(item, PRODUCT_ID),
                (int) Attrs.longValue(item, QUANTITY, 0),
                Attrs.decimal(item, AMOUNT),
                Attrs.str(item, CURRENCY),
                Attrs.str(item, DELIVERY_MODE),
                OrderStatus.fromWire(Attrs.str(item, STATUS)),
                Attrs.str(item, CREATED_AT),
                Attrs.str(item, FULFILLED_AT),
                Attrs.listValue(item, CODES).stream().map(value -> toCode(value.m())).toList(),
                Attrs.listValue(item, EVENTS).stream().map(value -> toEvent(value.m())).toList(),
                item.containsKey(EMAIL_STATE) ? toDelivery(item) : null);
    }

    /** The delivery attributes as stored; the due-index keys are present exactly when an attempt is due. */
    static Map<String, AttributeValue> delivery(String orderId, Delivery delivery) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CUSTOMER_EMAIL, Attrs.s(delivery.customerEmail()));
        item.put(CALLBACK_URL, Attrs.s(delivery.callbackUrl()));
        item.put(LANGUAGE, Attrs.s(delivery.language()));
        item.put(EMAIL_STATE, Attrs.s(delivery.email().state().wire()));
        item.put(EMAIL_ATTEMPTS, Attrs.n(delivery.email().attempts()));
        item.put(CALLBACK_STATE, Attrs.s(delivery.callback().state().wire()));
        item.put(CALLBACK_ATTEMPTS, Attrs.n(delivery.callback().attempts()));
        if (delivery.due()) {
            item.put(NEXT_ATTEMPT_AT, Attrs.s(delivery.nextAttemptAt()));
            item.put(TableSchema.GSI2_PK, Attrs.s(DUE));
            item.put(TableSchema.GSI2_SK, Attrs.s(delivery.nextAttemptAt() + "#" + orderId));
        }
        return item;
    }

    private static Delivery toDelivery(Map<String, AttributeValue> item) {
        return new Delivery(
                Attrs.str(item, CUSTOMER_EMAIL),
                Attrs.str(item, CALLBACK_URL),
                Attrs.str(item, LANGUAGE),
                new Delivery.Step(StepState.fromWire(Attrs.str(item, EMAIL_STATE)),
                        (int) Attrs.longValue(item, EMAIL_ATTEMPTS, 0)),
                new Delivery.Step(StepState.fromWire(Attrs.str(item, CALLBACK_STATE)),
                        (int) Attrs.longValue(item, CALLBACK_ATTEMPTS, 0)),
                Attrs.str(item, NEXT_ATTEMPT_AT));
    }

    public static AttributeValue code(StockCode code) {
        return Attrs.map(Map.of("codeId", Attrs.s(code.codeId()), "type", Attrs.s(code.type().wire()),
                "value", Attrs.s(code.value())));
    }

    public static StockCode toCode(Map<String, AttributeValue> code) {
        return new StockCode(Attrs.str(code, "codeId"), CodeType.fromWire(Attrs.str(code, "type")).orElseThrow(),
                Attrs.str(code, "value"));
    }

    public static AttributeValue event(OrderEvent event) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("at", Attrs.s(event.at()));
        map.put("type", Attrs.s(event.type()));
        map.put("status", Attrs.s(event.status().wire()));
        map.put("detail", Attrs.s(event.detail()));
        if (event.target() != null) {
            map.put("target", Attrs.s(event.target()));
        }
        if (event.httpStatus() != null) {
            map.put("httpStatus", Attrs.n(event.httpStatus()));
        }
        if (event.nextAttemptAt() != null) {
            map.put("nextAttemptAt", Attrs.s(event.nextAttemptAt()));
        }
        return Attrs.map(map);
    }

    public static OrderEvent toEvent(Map<String, AttributeValue> event) {
        return new OrderEvent(Attrs.str(event, "at"), Attrs.str(event, "type"),
                OrderStatus.fromWire(Attrs.str(event, "status")), Attrs.str(event, "detail"),
                Attrs.str(event, "target"),
                event.containsKey("httpStatus") ? (int) Attrs.longValue(event, "httpStatus", 0) : null,
                Attrs.str(event, "nextAttemptAt"));
    }


}
