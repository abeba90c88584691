package cc.marix.reseller.order;

/**
 * The answer first given to a partner notification, kept beside its idempotency keys so that a repeat is answered
 * with the very same bytes without reading the order.
 */
public record StoredResponse(String orderId, String bodyHash, int httpStatus, String json) {

    /** Holds codes: never print them. */
    @Override
    public String toString() {
        return "StoredResponse[" + orderId + ", " + httpStatus + "]";
    }
}
