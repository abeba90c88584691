package cc.marix.reseller.hooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.order.StepState;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.Cancellation;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Reseller webhook messages: written once per event (the event's marker and every endpoint's message in one
 * transaction), then delivered under a lease as partner callbacks are ({@code OrderStore}): a worker leases a due
 * message in one conditional update that returns it, and records the attempt only while the lease is its own, so two
 * workers fed the same trigger never both send.
 */
@ApplicationScoped
public class WebhookMessageStore {

    /** A message leased to one worker. */
    public record Leased(WebhookMessage message, String token) {
    }

    /** Pages of an endpoint's messages one {@link #undelivered} call reads at most (1 MB each). */
    static final int UNDELIVERED_PAGES = 20;

    private final DynamoDbClient dynamo;
    private final String table;

    public WebhookMessageStore(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    /**
     * Writes the event's marker and its messages, all due at once; false when the event was fanned out before (a
     * stream record delivered again, or a concurrent worker won): then nothing is written.
     */
    public boolean create(String eventId, String userId, WebhookEventType type, List<WebhookMessage> messages,
            Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(WebhookMessageItems.eventMarker(eventId, userId, type, now))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (WebhookMessage message : messages) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(WebhookMessageItems.toItem(message, now))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        try {
            Transactions.write(dynamo, writes, "webhook-fan-out", eventId);
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (Cancellation.conditionFailed(cancelled, 0)) {
                return false;
            }
            throw cancelled;
        }
    }

    /**
     * Leases a message that is due, in one call that also returns it. Empty when it is unknown, not due, or leased
     * by another worker; a refusal showing our own token is the SDK's retry of a lease that committed.
     */
    public Optional<Leased> lease(String messageId, Instant now, Instant until) {
        String token = UUID.randomUUID().toString();
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(WebhookMessageItems.key(messageId))
                    .updateExpression("SET #token = :token, #until = :until")
                    .conditionExpression("attribute_exists(pk) AND attribute_exists(#next) AND #next <= :now"
                            + " AND (attribute_not_exists(#until) OR #until < :nowMillis)")
                    .expressionAttributeNames(Map.of("#token", WebhookMessageItems.LEASE_TOKEN,
                            "#until", WebhookMessageItems.LEASE_UNTIL, "#next", WebhookMessageItems.NEXT_ATTEMPT_AT))
                    .expressionAttributeValues(Map.of(":token", Attrs.s(token),
                            ":until", Attrs.n(until.toEpochMilli()),
                            ":now", Attrs.s(Times.sortable(now)),
                            ":nowMillis", Attrs.n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
            return Optional.of(new Leased(WebhookMessageItems.fromItem(item), token));
        } catch (ConditionalCheckFailedException notDueOrBusy) {
            return ours(notDueOrBusy, WebhookMessageItems.LEASE_TOKEN, token)
                    ? Optional.of(new Leased(WebhookMessageItems.fromItem(notDueOrBusy.item()), token))
                    : Optional.empty();
        }
    }

    /**
     * Writes an attempt's outcome and releases the lease, only while the lease is ours; false when it was lost. The
     * write carries an id of its own, so the SDK's retry of a committed write reads as done, not as a lost lease.
     */
    public boolean record(Leased leased, WebhookMessage after) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String write = UUID.randomUUID().toString();
        names.put("#token", WebhookMessageItems.LEASE_TOKEN);
        names.put("#until", WebhookMessageItems.LEASE_UNTIL);
        names.put("#write", WebhookMessageItems.LEASE_WRITE);
        values.put(":token", Attrs.s(leased.token()));
        values.put(":write", Attrs.s(write));
        List<String> sets = new ArrayList<>(List.of("#write = :write"));
        List<String> removes = new ArrayList<>(List.of("#token", "#until"));
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : WebhookMessageItems.state(after).entrySet()) {
            names.put("#a" + i, attribute.getKey());
            values.put(":a" + i, attribute.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        if (after.nextAttemptAt() == null) {
            for (String dueAttribute : List.of(WebhookMessageItems.NEXT_ATTEMPT_AT, TableSchema.GSI2_PK,
                    TableSchema.GSI2_SK)) {
                names.put("#r" + i, dueAttribute);
                removes.add("#r" + i);
                i++;
            }
        }
        if (after.state() == StepState.DONE) {
            // a delivered message is never sent again, and its body may hold one-time codes: not kept until the TTL
            names.put("#body", WebhookMessageItems.BODY);
            removes.add("#body");
        }
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(WebhookMessageItems.key(after.id()))
                    .updateExpression("SET " + String.join(", ", sets) + " REMOVE " + String.join(", ", removes))
                    .conditionExpression("#token = :token AND (attribute_not_exists(#write) OR #write <> :write)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException lostOrDone) {
            return ours(lostOrDone, WebhookMessageItems.LEASE_WRITE, write);
        }
    }

    /** Ids of messages whose next attempt is due at {@code now}, oldest first. */
    public List<String> due(Instant now, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table)
                .indexName(TableSchema.GSI2)
                .keyConditionExpression("#pk = :due AND #sk <= :now")
                .expressionAttributeNames(Map.of("#pk", TableSchema.GSI2_PK, "#sk", TableSchema.GSI2_SK))
                .expressionAttributeValues(Map.of(":due", Attrs.s(WebhookMessageItems.DUE),
                        // "~" sorts after the "#messageId" suffix, so every entry due at this instant is included
                        ":now", Attrs.s(Times.sortable(now) + "~")))
                .limit(limit)
                .build()).items().stream()
                .map(item -> Attrs.str(item, TableSchema.PK).substring(WebhookMessageItems.PK_PREFIX.length()))
                .toList();
    }

    /**
     * The endpoint's newest messages that ended undelivered (parked, gone, rejected), at most {@code limit}. The
     * filter applies after each 1 MB page is read, so it reads page after page (newest first) until it has them, or
     * {@link #UNDELIVERED_PAGES} pages: an endpoint with thousands of delivered messages costs a bounded read.
     */
    public List<WebhookMessage> undelivered(String endpointId, int limit) {
        List<WebhookMessage> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        for (int page = 0; page < UNDELIVERED_PAGES && found.size() < limit; page++) {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table)
                    .indexName(TableSchema.GSI1)
                    .keyConditionExpression("#pk = :endpoint")
                    .filterExpression("#state IN (:parked, :gone, :rejected)")
                    .expressionAttributeNames(Map.of("#pk", TableSchema.GSI1_PK, "#state", WebhookMessageItems.STATE))
                    .expressionAttributeValues(Map.of(":endpoint",
                            Attrs.s(WebhookMessageItems.BY_ENDPOINT + endpointId),
                            ":parked", Attrs.s(StepState.PARKED.wire()), ":gone", Attrs.s(StepState.GONE.wire()),
                            ":rejected", Attrs.s(StepState.REJECTED.wire())))
                    .scanIndexForward(false)
                    .exclusiveStartKey(start)
                    .build());
            response.items().stream().limit(limit - found.size()).map(WebhookMessageItems::fromItem)
                    .forEach(found::add);
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                break;
            }
            start = response.lastEvaluatedKey();
        }
        return found;
    }

    /**
     * Makes an undelivered message due now with fresh attempts, only if it is still in the state it was read in (a
     * worker that moved it meanwhile wins); true when this call rearmed it.
     */
    public boolean rearm(WebhookMessage read, Instant now) {
        WebhookMessage rearmed = read.after(StepState.PENDING, 0, Times.sortable(now), read.lastHttpStatus());
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : WebhookMessageItems.state(rearmed).entrySet()) {
            names.put("#a" + i, attribute.getKey());
            values.put(":a" + i, attribute.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        names.put("#state", WebhookMessageItems.STATE);
        values.put(":read", Attrs.s(read.state().wire()));
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(WebhookMessageItems.key(read.id()))
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression("attribute_exists(pk) AND #state = :read")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    /** Whether a refused write was refused because the item already holds our own {@code value} in {@code name}. */
    private static boolean ours(ConditionalCheckFailedException refused, String name, String value) {
        return refused.hasItem() && value.equals(Attrs.str(refused.item(), name));
    }
}
