package cc.marix.reseller.order;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * An order's life: {@code pending_payment -> active -> completed}, or {@code cancelled} from either open state.
 * Final states have no way out, so a late event can never re-open or re-deliver an order.
 */
public enum OrderStatus {
    PENDING_PAYMENT,
    ACTIVE,
    COMPLETED,
    CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING_PAYMENT -> EnumSet.of(ACTIVE, CANCELLED);
            case ACTIVE -> EnumSet.of(COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    public static OrderStatus fromWire(String text) {
        for (OrderStatus status : values()) {
            if (status.wire().equals(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown order status " + text);
    }
}
