package cc.marix.reseller.store;

import java.util.Arrays;
import java.util.Optional;

/** The DynamoDB failures {@link FaultInjector} can inject, by the names {@code FAULTS} uses. */
public enum FaultKind {
    /** ProvisionedThroughputExceededException or ThrottlingException, before the request is sent. */
    THROTTLE("throttle"),
    /** 500 InternalServerError, before the request is sent. */
    ERROR("error"),
    /** TransactionCanceledException with TransactionConflict reasons; transactions only. */
    CONFLICT("conflict"),
    /** The request reaches DynamoDB and commits; then the caller sees a 500 or a timeout. */
    AFTER_COMMIT("after-commit"),
    /** Added latency before the request is sent. */
    LATENCY("latency");

    private final String wire;

    FaultKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static Optional<FaultKind> byWire(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wire.equals(name)).findFirst();
    }
}
