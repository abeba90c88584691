package cc.marix.reseller.order;

/** How a partner notification ended. */
public sealed interface FulfilmentOutcome {

    /** Delivered now ({@code replayed} false) or earlier (true): answer {@code response} as it was first given. */
    record Delivered(StoredResponse response, boolean replayed) implements FulfilmentOutcome {
    }

    /** Not enough codes: nothing was claimed or stored, so the same event may be sent again later. */
    record OutOfStock(int available) implements FulfilmentOutcome {
    }

    /** The event id was first used for a different body. */
    record EventIdReused(String orderId) implements FulfilmentOutcome {
    }
}
