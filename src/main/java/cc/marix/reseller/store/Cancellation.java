package cc.marix.reseller.store;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reads why DynamoDB cancelled a transaction: the reasons come one per write, in the order the writes were sent. */
public final class Cancellation {

    static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private Cancellation() {
    }

    /** Whether the write at {@code index} was refused by its own condition (not merely caught in a conflict). */
    public static boolean conditionFailed(TransactionCanceledException cancelled, int index) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        return index >= 0 && reasons != null && reasons.size() > index
                && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    /** The stored item the write at {@code index} was refused over (it asked for ALL_OLD), or null. */
    public static Map<String, AttributeValue> storedItem(TransactionCanceledException cancelled, int index) {
        if (!conditionFailed(cancelled, index)) {
            return null;
        }
        CancellationReason reason = cancelled.cancellationReasons().get(index);
        return reason.hasItem() ? reason.item() : null;
    }
}
