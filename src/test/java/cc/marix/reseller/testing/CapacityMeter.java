package cc.marix.reseller.testing;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The capacity units DynamoDB (Local) reports, summed over every call while {@link #measure} is on: it asks each
 * request for {@code ReturnConsumedCapacity=TOTAL} and adds what the answer reports. Test-side, off by default (the
 * other tests see no difference), registered by name in the test profile's {@code quarkus.dynamodb.interceptors}.
 * Read calls (GetItem, BatchGetItem, Query) count as read units, the others as write units.
 */
public class CapacityMeter implements ExecutionInterceptor {

    private static volatile boolean measuring;
    private static final DoubleAdder READ = new DoubleAdder();
    private static final DoubleAdder WRITE = new DoubleAdder();

    /** Read and write units since the start. */
    public record Units(double read, double write) {
        public Units minus(Units before) {
            return new Units(read - before.read, write - before.write);
        }
    }

    /** Turns the measurement on (every call asks for its consumed capacity) or off. */
    public static void measure(boolean on) {
        measuring = on;
    }

    public static Units snapshot() {
        return new Units(READ.sum(), WRITE.sum());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (!measuring) {
            return request;
        }
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof BatchGetItemRequest batchGet) {
            return batchGet.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof TransactWriteItemsRequest transaction) {
            return transaction.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof UpdateItemRequest update) {
            return update.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof PutItemRequest put) {
            return put.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof DeleteItemRequest delete) {
            return delete.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof BatchWriteItemRequest batchWrite) {
            return batchWrite.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!measuring) {
            return;
        }
        SdkResponse response = context.response();
        if (response instanceof QueryResponse query && query.consumedCapacity() != null) {
            READ.add(units(query.consumedCapacity()));
        } else if (response instanceof GetItemResponse get && get.consumedCapacity() != null) {
            READ.add(units(get.consumedCapacity()));
        } else if (response instanceof BatchGetItemResponse batchGet && batchGet.hasConsumedCapacity()) {
            READ.add(sum(batchGet.consumedCapacity()));
        } else if (response instanceof TransactWriteItemsResponse transaction && transaction.hasConsumedCapacity()) {
            WRITE.add(sum(transaction.consumedCapacity()));
        } else if (response instanceof UpdateItemResponse update && update.consumedCapacity() != null) {
            WRITE.add(units(update.consumedCapacity()));
        } else if (response instanceof PutItemResponse put && put.consumedCapacity() != null) {
            WRITE.add(units(put.consumedCapacity()));
        } else if (response instanceof DeleteItemResponse delete && delete.consumedCapacity() != null) {
            WRITE.add(units(delete.consumedCapacity()));
        } else if (response instanceof BatchWriteItemResponse batchWrite && batchWrite.hasConsumedCapacity()) {
            WRITE.add(sum(batchWrite.consumedCapacity()));
        }
    }

    private static double sum(List<ConsumedCapacity> capacities) {
        return capacities.stream().mapToDouble(CapacityMeter::units).sum();
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }
}
