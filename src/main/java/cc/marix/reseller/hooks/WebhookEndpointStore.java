package cc.marix.reseller.hooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.Cancellation;
import cc.marix.reseller.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A user's webhook endpoints. Creating and deleting one moves the user's counter in the same transaction, so ten
 * concurrent creations cannot make an eleventh endpoint; a rotation is one write conditional on the version read.
 */
@ApplicationScoped
public class WebhookEndpointStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public WebhookEndpointStore(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    /** Stores a new endpoint; false when the user already has {@link WebhookEndpointItems#MAX_ENDPOINTS}. */
    public boolean create(WebhookEndpoint endpoint) {
        TransactWriteItem count = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(WebhookEndpointItems.countKey(endpoint.userId()))
                .updateExpression("SET #n = if_not_exists(#n, :zero) + :one")
                .conditionExpression("attribute_not_exists(#n) OR #n < :max")
                .expressionAttributeNames(Map.of("#n", WebhookEndpointItems.ENDPOINTS))
                .expressionAttributeValues(Map.of(":zero", Attrs.n(0), ":one", Attrs.n(1),
                        ":max", Attrs.n(WebhookEndpointItems.MAX_ENDPOINTS)))
                .build()).build();
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(WebhookEndpointItems.toItem(endpoint))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build();
        try {
            Transactions.write(dynamo, List.of(count, put), "webhook-endpoint-create", endpoint.id());
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (Cancellation.conditionFailed(cancelled, 0)) {
                return false;
            }
            throw cancelled;
        }
    }

    /** The user's endpoints, oldest first (their ids are UUIDv7). */
    public List<WebhookEndpoint> list(String userId) {
        return dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :endpoint)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s(WebhookEndpointItems.pk(userId)),
                        ":endpoint", Attrs.s(WebhookEndpointItems.ENDPOINT_PREFIX)))
                .consistentRead(true)
                .build()).items().stream().map(WebhookEndpointItems::fromItem).toList();
    }

    public Optional<WebhookEndpoint> find(String userId, String endpointId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(WebhookEndpointItems.key(userId, endpointId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(WebhookEndpointItems.fromItem(item));
    }

    /** Removes the endpoint and counts it off; false when the user has no such endpoint. */
    public boolean delete(String userId, String endpointId) {
        TransactWriteItem delete = TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(WebhookEndpointItems.key(userId, endpointId))
                .conditionExpression("attribute_exists(pk)")
                .build()).build();
        TransactWriteItem count = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(WebhookEndpointItems.countKey(userId))
                .updateExpression("ADD #n :minusOne")
                .expressionAttributeNames(Map.of("#n", WebhookEndpointItems.ENDPOINTS))
                .expressionAttributeValues(Map.of(":minusOne", Attrs.n(-1)))
                .build()).build();
        try {
            // a token of this call only: the SDK's retries reuse it, while a second DELETE finds nothing (404)
            Transactions.write(dynamo, List.of(delete, count), "webhook-endpoint-delete", userId, endpointId,
                    UUID.randomUUID());
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (Cancellation.conditionFailed(cancelled, 0)) {
                return false;
            }
            throw cancelled;
        }
    }

    /**
     * Replaces the endpoint's secrets (the new current one last), only if it still has the version {@code read} was
     * read at; false when it was deleted or changed meanwhile. A refusal that shows our own new secret is the SDK's
     * retry of a write that committed but whose answer was lost: the rotation is done.
     */
    public boolean replaceSecrets(WebhookEndpoint read, List<EndpointSecret> secrets) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(WebhookEndpointItems.key(read.userId(), read.id()))
                    .updateExpression("SET #secrets = :secrets, #version = :next")
                    .conditionExpression("attribute_exists(pk) AND #version = :read")
                    .expressionAttributeNames(Map.of("#secrets", WebhookEndpointItems.SECRETS,
                            "#version", WebhookEndpointItems.VERSION))
                    .expressionAttributeValues(Map.of(":secrets", WebhookEndpointItems.secrets(secrets),
                            ":next", Attrs.n(read.version() + 1), ":read", Attrs.n(read.version())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException changed) {
            if (!changed.hasItem()) {
                return false;
            }
            List<EndpointSecret> stored = WebhookEndpointItems.fromItem(changed.item()).secrets();
            String ours = secrets.get(secrets.size() - 1).value();
            return !stored.isEmpty() && ours.equals(stored.get(stored.size() - 1).value());
        }
    }
}
