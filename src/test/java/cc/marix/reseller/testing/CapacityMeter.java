package cc.marix.reseller.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
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
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Asks DynamoDB for the capacity every call consumes ({@code ReturnConsumedCapacity=INDEXES}: the total, and the
 * share of the secondary indexes in it) and sums the read and write units per operation, for the benchmark's price of
 * each operation. Test-only (registered by name in the test
 * profile, quarkus.dynamodb.interceptors): production has no reader for the numbers, and asking costs response
 * bytes. Inert until {@link #enable()}, so the rest of the suite sends its requests untouched.
 *
 * <p>A refused write (a failed condition, a cancelled transaction) reports no capacity, though AWS bills it; those
 * calls are counted apart ({@link #refused()}) so a report can say which units it could not see.
 */
public class CapacityMeter implements ExecutionInterceptor {

    private static volatile boolean enabled;
    private static final Map<String, DoubleAdder> READ = new ConcurrentHashMap<>();
    private static final Map<String, DoubleAdder> WRITE = new ConcurrentHashMap<>();
    private static final Map<String, DoubleAdder> INDEXES = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> REFUSED = new ConcurrentHashMap<>();

    /** Units read and written, as DynamoDB reported them; {@code indexes}: the secondary indexes' part of them. */
    public record Units(double read, double write, double indexes) {
    }

    public static void enable() {
        enabled = true;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return enabled ? askForCapacity(context.request()) : context.request();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!enabled) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (ConsumedCapacity consumed : consumed(context.response())) {
            add(operation, consumed);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (enabled) {
            REFUSED.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    name -> new LongAdder()).increment();
        }
    }

    /** Units per operation since start, sorted by name. */
    public static Map<String, Units> snapshot() {
        Map<String, Units> units = new TreeMap<>();
        READ.keySet().forEach(operation -> units.put(operation, units(operation)));
        INDEXES.keySet().forEach(operation -> units.put(operation, units(operation)));
        WRITE.keySet().forEach(operation -> units.put(operation, units(operation)));
        return units;
    }

    /** Units read since start, over every operation: a series takes the difference around its requests. */
    public static double readUnits() {
        return READ.values().stream().mapToDouble(DoubleAdder::sum).sum();
    }

    /** Calls per operation that failed (and so reported no capacity) since start. */
    public static Map<String, Long> refused() {
        Map<String, Long> refused = new TreeMap<>();
        REFUSED.forEach((operation, count) -> refused.put(operation, count.sum()));
        return refused;
    }

    private static Units units(String operation) {
        return new Units(sum(READ, operation), sum(WRITE, operation), sum(INDEXES, operation));
    }

    private static double sum(Map<String, DoubleAdder> sums, String operation) {
        DoubleAdder sum = sums.get(operation);
        return sum == null ? 0 : sum.sum();
    }

    /**
     * DynamoDB gives one figure per table ({@code CapacityUnits}); reads and writes are told apart by the operation,
     * except where DynamoDB itemises them itself.
     */
    private static void add(String operation, ConsumedCapacity consumed) {
        if (consumed.hasGlobalSecondaryIndexes()) {
            consumed.globalSecondaryIndexes().values().forEach(index -> adder(INDEXES, operation)
                    .add(orZero(index.capacityUnits())));
        }
        if (consumed.readCapacityUnits() != null || consumed.writeCapacityUnits() != null) {
            adder(READ, operation).add(orZero(consumed.readCapacityUnits()));
            adder(WRITE, operation).add(orZero(consumed.writeCapacityUnits()));
        } else if (isWrite(operation)) {
            adder(WRITE, operation).add(orZero(consumed.capacityUnits()));
        } else {
            adder(READ, operation).add(orZero(consumed.capacityUnits()));
        }
    }

    private static boolean isWrite(String operation) {
        return switch (operation) {
            case "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems" -> true;
            default -> false;
        };
    }

    private static DoubleAdder adder(Map<String, DoubleAdder> sums, String operation) {
        return sums.computeIfAbsent(operation, name -> new DoubleAdder());
    }

    private static double orZero(Double units) {
        return units == null ? 0 : units;
    }

    private static SdkRequest askForCapacity(SdkRequest request) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.INDEXES;
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof ScanRequest scan) {
            return scan.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactGetItemsRequest transact) {
            return transact.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest put) {
            return put.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest update) {
            return update.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest delete) {
            return delete.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactWriteItemsRequest transact) {
            return transact.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    private static List<ConsumedCapacity> consumed(Object response) {
        if (response instanceof GetItemResponse get) {
            return one(get.consumedCapacity());
        } else if (response instanceof QueryResponse query) {
            return one(query.consumedCapacity());
        } else if (response instanceof ScanResponse scan) {
            return one(scan.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse batch) {
            return batch.consumedCapacity();
        } else if (response instanceof TransactGetItemsResponse transact) {
            return transact.consumedCapacity();
        } else if (response instanceof PutItemResponse put) {
            return one(put.consumedCapacity());
        } else if (response instanceof UpdateItemResponse update) {
            return one(update.consumedCapacity());
        } else if (response instanceof DeleteItemResponse delete) {
            return one(delete.consumedCapacity());
        } else if (response instanceof BatchWriteItemResponse batch) {
            return batch.consumedCapacity();
        } else if (response instanceof TransactWriteItemsResponse transact) {
            return transact.consumedCapacity();
        }
        return List.of();
    }

    private static List<ConsumedCapacity> one(ConsumedCapacity consumed) {
        return consumed == null ? List.of() : List.of(consumed);
    }
}
