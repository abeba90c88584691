package cc.marix.reseller.delivery;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's callback to the partner after the customer's e-mail went out. */
@RegisterForReflection
public record CallbackBody(String status, String orderId, String externalOrderId, String deliveredTo,
        String deliveryMethod, String fulfilledAt) {
}
