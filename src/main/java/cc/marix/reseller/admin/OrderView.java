package cc.marix.reseller.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import cc.marix.reseller.order.Order;
import cc.marix.reseller.order.OrderEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An order as support sees it: where it stands and its whole history; never the codes themselves. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(String orderId, String partner, String externalOrderId, String productId, int quantity,
        String status, String deliveryMode, String createdAt, String fulfilledAt, int codes, Steps delivery,
        List<Event> events) {

    @RegisterForReflection
    public record Steps(String email, int emailAttempts, String callback, int callbackAttempts, String callbackUrl,
            String nextAttemptAt) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String at, String type, String status, String detail, String target, Integer httpStatus,
            String nextAttemptAt) {
    }

    static OrderView of(Order order) {
        Steps steps = order.delivery() == null ? null
                : new Steps(order.delivery().email().state().wire(), order.delivery().email().attempts(),
                        order.delivery().callback().state().wire(), order.delivery().callback().attempts(),
                        order.delivery().callbackUrl(), order.delivery().nextAttemptAt());
        return new OrderView(order.orderId(), order.partner(), order.externalOrderId(), order.productId(),
                order.quantity(), order.status().wire(), order.deliveryMode(), order.createdAt(), order.fulfilledAt(),
                order.codes().size(), steps, order.events().stream().map(OrderView::event).toList());
    }

    private static Event event(OrderEvent event) {
        return new Event(event.at(), event.type(), event.status().wire(), event.detail(), event.target(),
                event.httpStatus(), event.nextAttemptAt());
    }
}
