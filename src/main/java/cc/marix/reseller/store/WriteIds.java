package cc.marix.reseller.store;

import java.util.UUID;

import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * How a single conditional write (UpdateItem, PutItem: they take no ClientRequestToken) recognises itself. DynamoDB
 * may commit it and lose the answer; the SDK then sends it again, and its condition, now false because of the write
 * itself, refuses the repeat. So the write stores a fresh id of its own under {@link #ATTRIBUTE}, asks for the item on
 * a refusal ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), and a refusal that shows that id means the write
 * is done: the caller answers as the first attempt would have.
 */
public final class WriteIds {

    /** The item attribute holding the id of the last write of this kind that changed it. */
    public static final String ATTRIBUTE = "lastWrite";

    private WriteIds() {
    }

    /** A new id, one per write (not per attempt: the SDK's retries send the same request). */
    public static String next() {
        return UUID.randomUUID().toString();
    }

    /** Whether the refused write is {@code writeId}'s own, committed by an earlier attempt. */
    public static boolean ours(ConditionalCheckFailedException refused, String writeId) {
        return refused.hasItem() && refused.item().get(ATTRIBUTE) != null
                && writeId.equals(refused.item().get(ATTRIBUTE).s());
    }
}
