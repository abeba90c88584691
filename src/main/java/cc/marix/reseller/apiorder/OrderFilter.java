package cc.marix.reseller.apiorder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import cc.marix.reseller.api.QueryParams;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.order.OrderStatus;

/**
 * The filters of {@code GET /api/orders/}: statuses, a product ({@code item_id}: its id, or the slug it had when
 * ordered), the period of {@code createdAt} (both bounds inclusive, compared with the whole-second time the API shows),
 * the payment method and the delivery mode. Null or empty: no filter.
 */
public record OrderFilter(Set<OrderStatus> statuses, String itemRef, Instant createdFrom, Instant createdTo,
        String paymentMethod, String deliveryMode) {

    static final int MAX_REF = 100;
    /**
     * How an order was paid: from the balance (an API order paid when placed, sandbox orders too), through a provider
     * (the payment that paid it), by the partner (a partner's order), or confirmed by an operator (the admin's
     * markOrderPaid). An order not paid yet has no method.
     */
    static final List<String> PAYMENT_METHODS = List.of("balance", "tribute", "merchant", "partner", "admin");
    static final String BALANCE = "balance";
    static final String PARTNER = "partner";
    /** A partner's order is delivered in its answer ({@code sync}) or by e-mail; an API order through the API. */
    static final List<String> DELIVERY_MODES = List.of("sync", "email", "api");
    static final String API_DELIVERY = "api";

    /** The filters of the request; every bad one is added to {@code query} (422 at its check). */
    static OrderFilter read(QueryParams query) {
        Set<OrderStatus> statuses = statuses(query);
        String itemRef = query.text("item_id", false, MAX_REF);
        Instant from = query.instant("created_from");
        Instant to = query.instant("created_to");
        String paymentMethod = query.choice("payment_method", PAYMENT_METHODS);
        String deliveryMode = query.choice("delivery_mode", DELIVERY_MODES);
        return new OrderFilter(statuses, itemRef == null ? null : itemRef.toLowerCase(Locale.ROOT), from, to,
                paymentMethod, deliveryMode);
    }

    /**
     * A period no order can be in: its first whole second is after its last (the key condition compares whole seconds,
     * and DynamoDB refuses a BETWEEN whose lower bound is above its upper, as {@code 10:00:00.5Z..10:00:00.7Z} gives).
     */
    boolean emptyPeriod() {
        return createdFrom != null && createdTo != null && firstSecond().isAfter(lastSecond());
    }

    /** Whether the filter is statuses alone (or nothing): the maintained order counts answer its total. */
    boolean countedByStatus() {
        return itemRef == null && createdFrom == null && createdTo == null && paymentMethod == null
                && deliveryMode == null;
    }

    /** The first whole second at or after {@code createdFrom}. */
    Instant firstSecond() {
        Instant floor = createdFrom.truncatedTo(ChronoUnit.SECONDS);
        return floor.equals(createdFrom) ? floor : floor.plusSeconds(1);
    }

    /** The last whole second at or before {@code createdTo}. */
    Instant lastSecond() {
        return createdTo.truncatedTo(ChronoUnit.SECONDS);
    }

    private static Set<OrderStatus> statuses(QueryParams query) {
        String raw = query.text("statuses", false, 200);
        Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
        if (raw == null) {
            return statuses;
        }
        for (String part : raw.split(",", -1)) {
            String wire = part.trim().toLowerCase(Locale.ROOT);
            try {
                statuses.add(OrderStatus.fromWire(wire));
            } catch (IllegalArgumentException e) {
                query.add(Violation.of("Input should be 'pending_payment', 'active', 'completed' or 'cancelled'",
                        "enum", "query", "statuses"));
                break;
            }
        }
        return statuses;
    }
}
