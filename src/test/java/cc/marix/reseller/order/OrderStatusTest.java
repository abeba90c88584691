package cc.marix.reseller.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStatusTest {

    @Test
    void canMoveTo_shouldFollowTheLifecycle() {
        assertTrue(OrderStatus.PENDING_PAYMENT.canMoveTo(OrderStatus.ACTIVE));
        assertTrue(OrderStatus.PENDING_PAYMENT.canMoveTo(OrderStatus.CANCELLED));
        assertTrue(OrderStatus.ACTIVE.canMoveTo(OrderStatus.COMPLETED));
        assertTrue(OrderStatus.ACTIVE.canMoveTo(OrderStatus.CANCELLED));
        assertFalse(OrderStatus.PENDING_PAYMENT.canMoveTo(OrderStatus.COMPLETED));
        assertFalse(OrderStatus.ACTIVE.canMoveTo(OrderStatus.PENDING_PAYMENT));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = { "COMPLETED", "CANCELLED" })
    void finalStates_shouldHaveNoWayOut(OrderStatus status) {
        assertTrue(status.isFinal());
        for (OrderStatus target : OrderStatus.values()) {
            assertFalse(status.canMoveTo(target), status + " -> " + target);
        }
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void wire_shouldRoundTrip(OrderStatus status) {
        assertEquals(status, OrderStatus.fromWire(status.wire()));
    }

    @Test
    void fromWire_shouldRefuseUnknown() {
        assertThrows(IllegalArgumentException.class, () -> OrderStatus.fromWire("paid"));
    }
}
