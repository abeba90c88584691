package cc.marix.reseller.order;

/** One step in an order's history: when, what happened, the status it left the order in, and a note. */
public record OrderEvent(String at, String type, OrderStatus status, String detail) {
}
