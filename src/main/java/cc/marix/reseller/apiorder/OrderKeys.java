package cc.marix.reseller.apiorder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A user's idempotency keys: {@code ORDERKEY#<userId>#<sha256(key)> / ORDERKEY} with the order it created and the
 * request's fingerprint, kept {@code app.orders.idempotency-retention} (DynamoDB's TTL removes it some time after).
 * The key is taken in the same transaction that writes the order, so two requests with one key make one order.
 */
@ApplicationScoped
public class OrderKeys {

    static final String SK = "ORDERKEY";
    static final String ORDER_ID = "orderId";
    static final String FINGERPRINT = "fingerprint";

    /** What a key recorded: the order it made and the fingerprint of the request that made it. */
    public record Taken(String orderId, String fingerprint) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final AppConfig.Orders settings;

    public OrderKeys(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.settings = config.orders();
    }

    static Map<String, AttributeValue> key(String userId, String idempotencyKey) {
        return Attrs.key(SK + "#" + userId + "#" + Sha256.hex(idempotencyKey.getBytes(StandardCharsets.UTF_8)), SK);
    }

    /** Takes the key for this order; fails the transaction, handing back the earlier record, if it is taken. */
    TransactWriteItem take(String userId, OrderRequest request, String orderId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId, request.idempotencyKey()));
        item.put(ORDER_ID, Attrs.s(orderId));
        item.put(FINGERPRINT, Attrs.s(request.fingerprint()));
        item.put(TableSchema.TTL, Attrs.n(now.plus(retention(request)).getEpochSecond()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    /** A sandbox order's key never outlives the order, or a replay would find a key whose order TTL deleted. */
    private Duration retention(OrderRequest request) {
        Duration retention = settings.idempotencyRetention();
        return request.isMock() && settings.mockRetention().compareTo(retention) < 0 ? settings.mockRetention()
                : retention;
    }

    Optional<Taken> find(String userId, String idempotencyKey) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(key(userId, idempotencyKey)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(taken(item));
    }

    static Taken taken(Map<String, AttributeValue> item) {
        return new Taken(Attrs.str(item, ORDER_ID), Attrs.str(item, FINGERPRINT));
    }
}
