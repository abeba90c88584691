package cc.marix.reseller.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * DynamoDB's transaction conflicts, which DynamoDB Local does not produce (it runs transactions one at a time): in
 * AWS a TransactWriteItems that touches an item another transaction is still writing is cancelled with
 * {@code TransactionConflict} for that item. This interceptor holds the items of every TransactWriteItems from the
 * moment it is sent until its answer arrives, and cancels, the same way, one sent meanwhile that touches a held item.
 * So a test can show what concurrent writers of one item cost in AWS (cancellations, retries, 503s). Test-only
 * (registered by name in the test profile, quarkus.dynamodb.interceptors); inert until {@link #emulate(boolean)}.
 */
public class TransactionConflicts implements ExecutionInterceptor {

    private static final ExecutionAttribute<List<String>> HOLDING = new ExecutionAttribute<>("conflictsHolding");
    private static final Set<String> HELD = new HashSet<>();
    private static final LongAdder CANCELLED = new LongAdder();

    private static volatile boolean emulating;

    /** From now on, cancels transactions as AWS would (true), or lets DynamoDB Local serialize them (false). */
    public static void emulate(boolean on) {
        emulating = on;
    }

    /** Transactions cancelled with a conflict since start. */
    public static long cancelled() {
        return CANCELLED.sum();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        // a resent attempt of the same call must not conflict with itself
        release(attributes);
        if (!emulating || !(context.request() instanceof TransactWriteItemsRequest request)) {
            return;
        }
        List<String> items = new ArrayList<>();
        for (TransactWriteItem write : request.transactItems()) {
            items.add(item(write));
        }
        synchronized (HELD) {
            for (int i = 0; i < items.size(); i++) {
                if (HELD.contains(items.get(i))) {
                    CANCELLED.increment();
                    throw conflict(items.size(), i);
                }
            }
            HELD.addAll(items);
        }
        attributes.putAttribute(HOLDING, items);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        release(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    private static void release(ExecutionAttributes attributes) {
        List<String> items = attributes.getAttribute(HOLDING);
        if (items != null) {
            attributes.putAttribute(HOLDING, null);
            synchronized (HELD) {
                HELD.removeAll(items);
            }
        }
    }

    /** The table and primary key the write touches. */
    private static String item(TransactWriteItem write) {
        if (write.put() != null) {
            return key(write.put().tableName(), write.put().item());
        }
        if (write.update() != null) {
            return key(write.update().tableName(), write.update().key());
        }
        if (write.delete() != null) {
            return key(write.delete().tableName(), write.delete().key());
        }
        return key(write.conditionCheck().tableName(), write.conditionCheck().key());
    }

    private static String key(String table, Map<String, AttributeValue> item) {
        return table + '\u0000' + item.get(TableSchema.PK).s() + '\u0000' + item.get(TableSchema.SK).s();
    }

    /** As DynamoDB cancels it: {@code TransactionConflict} for the held item, {@code None} for the others. */
    private static TransactionCanceledException conflict(int writes, int held) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            reasons.add(i == held
                    ? CancellationReason.builder().code("TransactionConflict")
                            .message("Transaction is ongoing for the item").build()
                    : CancellationReason.builder().code("None").build());
        }
        String message = "Transaction cancelled, please refer cancellation reasons for specific reasons (emulated)";
        return TransactionCanceledException.builder().statusCode(400).message(message).cancellationReasons(reasons)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                        .serviceName("DynamoDb").errorMessage(message).build())
                .build();
    }
}
