package cc.marix.reseller.order;

/**
 * One step in an order's history: when, what happened, the status it left the order in, and a note; delivery
 * attempts also record their target, the answer's HTTP status (absent for e-mail or when no answer came) and when
 * the next attempt is due (absent when none will be made).
 */
public record OrderEvent(String at, String type, OrderStatus status, String detail, String target, Integer httpStatus,
        String nextAttemptAt) {

    public static OrderEvent of(String at, String type, OrderStatus status, String detail) {
        return new OrderEvent(at, type, status, detail, null, null, null);
    }
}
