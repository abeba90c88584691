package cc.marix.reseller.order;

import java.math.BigDecimal;
import java.util.List;

import cc.marix.reseller.stock.StockCode;

/**
 * An order and what it delivered. A partner order comes with the partner's slug, the API user the partner is linked
 * to (if any: the order shows in that user's {@code /api/orders}), its external order id and the X-Event-Id that
 * created it; the amount and currency are what the partner charged, kept for reconciliation.
 */
public record Order(
        String orderId,
        String source,
        String partner,
        String userId,
        String externalOrderId,
        String eventId,
        String productId,
        int quantity,
        BigDecimal amount,
        String currency,
        String deliveryMode,
        OrderStatus status,
        String createdAt,
        String fulfilledAt,
        List<StockCode> codes,
        List<OrderEvent> events,
        Delivery delivery) {

    public static final String SOURCE_PARTNER = "partner";
    public static final String DELIVERY_SYNC = "sync";
    public static final String DELIVERY_EMAIL = "email";

    /** This order after a delivery step: its new delivery state, status and (once delivered) fulfilment time. */
    public Order after(Delivery next, OrderStatus nextStatus, String nextFulfilledAt) {
        return new Order(orderId, source, partner, userId, externalOrderId, eventId, productId, quantity, amount, currency,
                deliveryMode, nextStatus, createdAt, nextFulfilledAt, codes, events, next);
    }

    public boolean byEmail() {
        return DELIVERY_EMAIL.equals(deliveryMode);
    }

    @Override
    public String toString() {
        // codes are money: never let a log line print them
        return "Order[" + orderId + ", " + source + ", " + status.wire() + ", " + codes.size() + " code(s)]";
    }
}
