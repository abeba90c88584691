package cc.marix.reseller.apiorder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.order.OrderEvent;
import cc.marix.reseller.order.OrderStatus;

/**
 * An order placed through the public API. {@code price} is the sum of its lines, in {@code currency}, which is also
 * the balance that pays it. A mock (sandbox) order goes through the same states but never touches a balance or stock.
 */
public record ApiOrder(
        String orderId,
        String userId,
        String idempotencyKey,
        boolean isMock,
        BalanceCurrency currency,
        BigDecimal price,
        OrderStatus status,
        String cancelReason,
        String createdAt,
        String paymentExpiresAt,
        String completedAt,
        List<OrderLine> lines,
        List<OrderEvent> events) {

    public static final String SOURCE = "api";
    public static final String PAYMENT_EXPIRED = "payment_expired";
    /** Cancelled at the window's end after its last payment failed at the provider. */
    public static final String PAYMENT_FAILURE = "payment_failure";
    public static final String OUT_OF_STOCK = "out_of_stock";

    /** Whether paying and delivering it moves money: not for a mock order, nor for a free one. */
    public boolean charges() {
        return !isMock && price.signum() > 0;
    }

    public int codeCount() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }

    ApiOrder moved(OrderStatus next, String reason, String completed, List<OrderLine> nextLines, OrderEvent event) {
        List<OrderEvent> history = new ArrayList<>(events);
        history.add(event);
        return new ApiOrder(orderId, userId, idempotencyKey, isMock, currency, price, next, reason, createdAt,
                paymentExpiresAt, completed, nextLines, List.copyOf(history));
    }

    @Override
    public String toString() {
        return "ApiOrder[" + orderId + ", " + status.wire() + (isMock ? ", mock" : "") + ", " + lines.size()
                + " item(s)]";
    }
}
