package cc.marix.reseller.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.metrics.Metric;
import cc.marix.reseller.metrics.Metrics;
import cc.marix.reseller.stock.CodeStore;
import cc.marix.reseller.stock.StockCode;
import cc.marix.reseller.stock.StockLevel;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Backoff;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.support.LogContext;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Delivers a partner order exactly once in two DynamoDB calls: a Query for available codes, then one transaction that
 * claims them, writes the order, and takes both idempotency keys. When a key is already taken the transaction is
 * cancelled and DynamoDB hands back the stored record (ALL_OLD), which is the answer to give: a repeat costs no extra
 * read. A transaction cancelled only because another order claimed the same codes is retried with fresh codes.
 */
@ApplicationScoped
public class PartnerFulfilment {

    private static final Logger LOG = Logger.getLogger(PartnerFulfilment.class);
    static final int EVENT_KEY = 0;
    static final int EXTERNAL_KEY = 1;
    static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final CodeStore codes;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;
    private final AppConfig.Partner settings;
    private final int estimatedDeliverySeconds;
    private final String table;
    private final OrderCounts counts;

    public PartnerFulfilment(DynamoDbClient dynamo, CodeStore codes, Ids ids, Clock clock, ObjectMapper json,
            AppConfig config, OrderCounts counts) {
        this.dynamo = dynamo;
        this.codes = codes;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
        this.settings = config.partner();
        this.estimatedDeliverySeconds = config.delivery().estimatedDeliverySeconds();
        this.table = config.table().name();
        this.counts = counts;
    }

    public FulfilmentOutcome fulfil(PartnerOrderRequest request) {
        for (int attempt = 0; attempt < settings.claimAttempts(); attempt++) {
            int asked = request.quantity() + CodeStore.PICK_SLACK;
            List<StockCode> candidates = codes.findAvailable(request.productId(), asked);
            if (candidates.size() < request.quantity()) {
                return earlierOutcome(request).orElseGet(() -> outOfStock(request, candidates.size(), asked));
            }
            Instant now = clock.instant();
            List<StockCode> claimed = CodeStore.pick(candidates, request.quantity());
            Order order = request.byEmail() ? acceptedOrder(request, claimed, now) : completedOrder(request, claimed, now);
            StoredResponse response = request.byEmail()
                    ? new StoredResponse(order.orderId(), request.bodyHash(), 202, toJson(acceptedResponse(order)))
                    : new StoredResponse(order.orderId(), request.bodyHash(), 200, toJson(responseFor(order)));
            try {
                Transactions.write(dynamo, writes(request, order, response, now), "partner-order",
                        request.partner(), request.eventId(), attempt);
                // the order item's events are the record of every delivery; a log line per order only adds cost
                LogContext.orderId(order.orderId());
                LOG.debugf("partner %s order %s: %d code(s) %s", request.partner(), order.orderId(),
                        order.codes().size(), request.byEmail() ? "claimed for e-mail delivery" : "delivered");
                if (!request.byEmail()) {
                    Metrics.count(Metric.ORDERS_DELIVERED, request.partner());
                }
                StockLevel.reportAfterClaim(request.productId(), candidates.size(), asked, claimed.size());
                return new FulfilmentOutcome.Delivered(response, false);
            } catch (TransactionCanceledException cancelled) {
                Optional<FulfilmentOutcome> earlier = earlierOutcome(request, cancelled.cancellationReasons());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                Backoff.pause(attempt);
            }
        }
        LOG.warnf("partner %s: gave up claiming codes of %s after %d attempts", request.partner(),
                request.productId(), settings.claimAttempts());
        throw ApiException.unavailable("contention", "too many concurrent orders for this product, retry shortly", 1);
    }

    private static FulfilmentOutcome outOfStock(PartnerOrderRequest request, int available, int asked) {
        Metrics.count(Metric.ORDERS_OUT_OF_STOCK, request.partner());
        StockLevel.reportAfterClaim(request.productId(), available, asked, 0);
        return new FulfilmentOutcome.OutOfStock(available);
    }

    private List<TransactWriteItem> writes(PartnerOrderRequest request, Order order, StoredResponse response,
            Instant now) {
        long eventExpiry = now.plus(settings.eventIdRetention()).getEpochSecond();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(keyPut(IdempotencyItems.eventItem(request.partner(), request.eventId(), response, eventExpiry)));
        writes.add(keyPut(IdempotencyItems.externalItem(request.partner(), request.externalOrderId(), response)));
        writes.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(OrderItems.toItem(order))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build());
        writes.addAll(codes.claimWrites(request.productId(), order.codes()));
        if (order.userId() != null) {
            // the order shows in its linked user's list: counted there
            writes.add(counts.created(order.userId(), order.orderId(), false, now, order.status()));
        }
        return writes;
    }

    private TransactWriteItem keyPut(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    /** The stored answer a cancelled transaction hands back, if the cancellation was due to an idempotency key. */
    private Optional<FulfilmentOutcome> earlierOutcome(PartnerOrderRequest request, List<CancellationReason> reasons) {
        Map<String, AttributeValue> event = storedItem(reasons, EVENT_KEY);
        Map<String, AttributeValue> external = storedItem(reasons, EXTERNAL_KEY);
        if (event != null && external == null && IdempotencyItems.sameBody(event, request.bodyHash())
                && !IdempotencyItems.holdsAnswer(event)) {
            // the same body takes the same external-order key, so its refusal comes with the event key's; should a
            // cancellation ever report only the first failed condition, the answer is one consistent read away
            return earlierOutcome(request);
        }
        return replay(request, event, external);
    }

    /**
     * The answer given earlier to this event or external order, if any (one BatchGetItem). Used before saying out of
     * stock, and before refusing a repeat for a reason that arose after the first answer.
     */
    public Optional<FulfilmentOutcome> earlierOutcome(PartnerOrderRequest request) {
        Map<String, AttributeValue> eventKey = IdempotencyItems.eventKey(request.partner(), request.eventId());
        Map<String, AttributeValue> externalKey = IdempotencyItems.externalKey(request.partner(),
                request.externalOrderId());
        BatchGetItemResponse found = dynamo.batchGetItem(BatchGetItemRequest.builder()
                .requestItems(Map.of(table, KeysAndAttributes.builder()
                        .keys(eventKey, externalKey).consistentRead(true).build()))
                .build());
        if (found.hasUnprocessedKeys() && !found.unprocessedKeys().isEmpty()) {
            throw ApiException.unavailable("throttled", "busy, retry shortly", 1);
        }
        Map<String, AttributeValue> event = null;
        Map<String, AttributeValue> external = null;
        for (Map<String, AttributeValue> item : found.responses().getOrDefault(table, List.of())) {
            if (IdempotencyItems.isEventKey(item)) {
                event = item;
            } else {
                external = item;
            }
        }
        return replay(request, event, external);
    }

    private static Optional<FulfilmentOutcome> replay(PartnerOrderRequest request, Map<String, AttributeValue> event,
            Map<String, AttributeValue> external) {
        if (event != null) {
            StoredResponse stored = IdempotencyItems.fromItem(event);
            if (!stored.bodyHash().equals(request.bodyHash())) {
                return Optional.of(new FulfilmentOutcome.EventIdReused(stored.orderId()));
            }
            if (external != null) {
                return Optional.of(new FulfilmentOutcome.Delivered(IdempotencyItems.fromItem(external), true));
            }
            if (!IdempotencyItems.holdsAnswer(event)) {
                throw new IllegalStateException("event key of order " + stored.orderId()
                        + " without its external-order key");
            }
            return Optional.of(new FulfilmentOutcome.Delivered(stored, true));
        }
        if (external != null) {
            return Optional.of(new FulfilmentOutcome.Delivered(IdempotencyItems.fromItem(external), true));
        }
        return Optional.empty();
    }

    private static Map<String, AttributeValue> storedItem(List<CancellationReason> reasons, int index) {
        if (reasons == null || reasons.size() <= index) {
            return null;
        }
        CancellationReason reason = reasons.get(index);
        return CONDITION_FAILED.equals(reason.code()) && reason.hasItem() ? reason.item() : null;
    }

    private Order completedOrder(PartnerOrderRequest request, List<StockCode> claimed, Instant now) {
        String at = Times.api(now);
        List<OrderEvent> events = List.of(
                OrderEvent.of(at, "created", OrderStatus.ACTIVE,
                        "paid at partner " + request.partner() + ", event " + request.eventId()),
                OrderEvent.of(at, "delivered", OrderStatus.COMPLETED,
                        claimed.size() + " code(s) in the notification response"));
        return new Order(ids.nextString(), Order.SOURCE_PARTNER, request.partner(), request.userId(),
                request.externalOrderId(), request.eventId(), request.productId(), request.quantity(), request.amount(),
                request.currency(), Order.DELIVERY_SYNC, OrderStatus.COMPLETED, at, at, claimed, events, null);
    }

    /** Codes claimed now, in the same transaction as the order, so the 202 is a promise we can keep. */
    private Order acceptedOrder(PartnerOrderRequest request, List<StockCode> claimed, Instant now) {
        String at = Times.api(now);
        List<OrderEvent> events = List.of(OrderEvent.of(at, "created", OrderStatus.ACTIVE,
                "paid at partner " + request.partner() + ", event " + request.eventId() + "; " + claimed.size()
                        + " code(s) held for e-mail delivery"));
        Delivery delivery = new Delivery(request.customerEmail(), request.callbackUrl(), request.language(),
                Delivery.Step.pending(), Delivery.Step.pending(), Times.sortable(now));
        return new Order(ids.nextString(), Order.SOURCE_PARTNER, request.partner(), request.userId(),
                request.externalOrderId(), request.eventId(), request.productId(), request.quantity(), request.amount(),
                request.currency(), Order.DELIVERY_EMAIL, OrderStatus.ACTIVE, at, null, claimed, events, delivery);
    }

    private AcceptedResponse acceptedResponse(Order order) {
        return new AcceptedResponse("accepted", order.orderId(), order.externalOrderId(),
                estimatedDeliverySeconds);
    }

    private static PartnerResponse responseFor(Order order) {
        List<PartnerResponse.Payload> payloads = order.codes().stream()
                .map(code -> new PartnerResponse.Payload(code.type().wire(), code.value()))
                .toList();
        return new PartnerResponse("fulfilled", order.orderId(), order.externalOrderId(), payloads.get(0),
                payloads.size() > 1 ? payloads : null, order.fulfilledAt());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }
}
