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
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Read capacity units the application's reads consume, as DynamoDB (Local too) reports them: asks for
 * {@code ReturnConsumedCapacity=TOTAL} on every GetItem, Query and BatchGetItem and sums the answers. Test side only,
 * registered by name in the test profile (quarkus.dynamodb.interceptors), hence static; the benchmark reads the sum
 * before and after a request. Writes are not metered here (issue 14 point 1 meters every operation).
 */
public class CapacityMeter implements ExecutionInterceptor {

    private static final DoubleAdder READ_UNITS = new DoubleAdder();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof BatchGetItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof GetItemResponse get) {
            add(get.consumedCapacity());
        } else if (response instanceof QueryResponse query) {
            add(query.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse batch && batch.hasConsumedCapacity()) {
            add(batch.consumedCapacity());
        }
    }

    /** Read units consumed since start. */
    public static double readUnits() {
        return READ_UNITS.sum();
    }

    private static void add(ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            READ_UNITS.add(consumed.capacityUnits());
        }
    }

    private static void add(List<ConsumedCapacity> consumed) {
        consumed.forEach(CapacityMeter::add);
    }
}
