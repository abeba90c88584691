package cc.marix.reseller.order;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's immediate answer to an e-mail notification (202). */
@RegisterForReflection
public record AcceptedResponse(String status, String orderId, String externalOrderId, int estimatedDeliverySeconds) {
}
