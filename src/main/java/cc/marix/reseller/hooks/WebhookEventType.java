package cc.marix.reseller.hooks;

import java.util.Arrays;
import java.util.Optional;

/** The events a reseller can subscribe an endpoint to, by their wire names. */
public enum WebhookEventType {
    ORDER_COMPLETED("order.completed"),
    ORDER_CANCELLED("order.cancelled"),
    TOPUP_COMPLETED("topup.completed"),
    TOPUP_FAILED("topup.failed"),
    BALANCE_CHANGED("balance.changed");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<WebhookEventType> fromWire(String text) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(text)).findFirst();
    }
}
