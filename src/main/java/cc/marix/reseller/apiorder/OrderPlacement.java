package cc.marix.reseller.apiorder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.account.BalanceStore;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.metrics.Metric;
import cc.marix.reseller.metrics.Metrics;
import cc.marix.reseller.order.OrderEvent;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.stock.CodeType;
import cc.marix.reseller.stock.StockCode;
import cc.marix.reseller.store.Cancellation;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Backoff;
import cc.marix.reseller.support.CrashPoints;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.support.LogContext;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Places an order of the public API. Paid from the balance, it is one transaction that takes the idempotency key,
 * writes the order {@code active}, moves its price from available to reserved (on condition that enough is
 * available) and claims its codes; then {@link OrderCompletion} delivers it. When the balance is short, the order is
 * written {@code pending_payment} instead, holding nothing. A mock order skips money and stock.
 */
@ApplicationScoped
public class OrderPlacement {

    private static final Logger LOG = Logger.getLogger(OrderPlacement.class);

    /** An order placed now, or the one this idempotency key placed before ({@code replayed}). */
    public record Placed(ApiOrder order, boolean replayed) {
    }

    /** Where the writes of the first transaction sit, to read its cancellation reasons. */
    private record Writes(List<TransactWriteItem> items, int keyIndex, int balanceIndex) {
    }

    private final DynamoDbClient dynamo;
    private final OrderPricing pricing;
    private final OrderKeys keys;
    private final ApiOrderStore orders;
    private final OrderCompletion completion;
    private final BalanceStore balances;
    private final StockHold stock;
    private final MockOrderQuota mockQuota;
    private final Ids ids;
    private final Clock clock;
    private final AppConfig.Orders settings;

    public OrderPlacement(DynamoDbClient dynamo, OrderPricing pricing, OrderKeys keys, ApiOrderStore orders,
            OrderCompletion completion, BalanceStore balances, StockHold stock, MockOrderQuota mockQuota, Ids ids,
            Clock clock, AppConfig config) {
        this.dynamo = dynamo;
        this.pricing = pricing;
        this.keys = keys;
        this.orders = orders;
        this.completion = completion;
        this.balances = balances;
        this.stock = stock;
        this.mockQuota = mockQuota;
        this.ids = ids;
        this.clock = clock;
        this.settings = config.orders();
    }

    public Placed place(String userId, OrderRequest request, BalanceCurrency currency) {
        LogContext.userId(userId);
        try {
            List<OrderLine> lines = pricing.lines(request, currency);
            return request.isMock() ? placeMock(userId, request, currency, lines)
                    : placePaid(userId, request, currency, lines);
        } catch (ApiException refused) {
            if (request.idempotencyKey() == null || refused.status() >= 500) {
                throw refused;
            }
            // a repeat of an order placed before a price, rule or stock change still gets its order
            Optional<OrderKeys.Taken> earlier = keys.find(userId, request.idempotencyKey());
            if (earlier.isEmpty()) {
                throw refused;
            }
            return replay(request, earlier.get());
        }
    }

    private Placed placePaid(String userId, OrderRequest request, BalanceCurrency currency, List<OrderLine> lines) {
        for (int attempt = 0; attempt < settings.claimAttempts(); attempt++) {
            StockHold.Held hold = stock.hold(lines);
            List<OrderLine> held = hold.lines();
            Instant now = clock.instant();
            String at = Times.api(now);
            ApiOrder order = newOrder(userId, request, currency, held, OrderStatus.ACTIVE, now, null,
                    OrderEvent.of(at, "created", OrderStatus.ACTIVE, "paid from the " + currency.wire()
                            + " balance; " + count(held) + " code(s) held"));
            Writes writes = firstWrites(order, request, now);
            try {
                Transactions.write(dynamo, writes.items(), "api-order", userId, request.idempotencyKey(),
                        attempt);
                LogContext.orderId(order.orderId());
                LOG.debugf("order %s: paid from balance, %d code(s) held", order.orderId(), order.codeCount());
                Metrics.count(Metric.BALANCE_ORDERS_PAID);
                hold.reportLevels();
                CrashPoints.reached(CrashPoints.BETWEEN_ORDER_STEPS);
                return new Placed(completion.complete(order), false);
            } catch (TransactionCanceledException cancelled) {
                Optional<Placed> earlier = earlier(request, cancelled, writes.keyIndex());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                if (Cancellation.conditionFailed(cancelled, writes.balanceIndex())) {
                    return placePending(userId, request, currency, lines);
                }
                Backoff.pause(attempt);
            }
        }
        LOG.warnf("order of user %s: gave up after %d attempts", userId, settings.claimAttempts());
        throw ApiException.unavailable("contention", "too many concurrent orders for these products or this"
                + " balance, retry shortly with the same idempotencyKey", 1);
    }

    /** The balance is short: the order waits for a payment, holding neither money nor codes. */
    private Placed placePending(String userId, OrderRequest request, BalanceCurrency currency, List<OrderLine> lines) {
        Instant now = clock.instant();
        Instant expires = now.plus(settings.paymentWindow());
        String at = Times.api(now);
        ApiOrder order = newOrder(userId, request, currency, lines, OrderStatus.PENDING_PAYMENT, now, expires,
                OrderEvent.of(at, "created", OrderStatus.PENDING_PAYMENT, "the " + currency.wire()
                        + " balance does not cover the price; waiting for a payment until " + Times.api(expires)));
        List<TransactWriteItem> writes = new ArrayList<>();
        int keyIndex = addKey(writes, userId, request, order.orderId(), now);
        writes.add(orders.create(order, expires));
        writes.add(orders.countNew(order));
        Optional<Placed> earlier = write(writes, keyIndex, -1, request, now);
        return earlier.orElse(new Placed(order, false));
    }

    /**
     * A sandbox order: the same states, fake codes, no balance, no stock; counted against the user's hourly quota in
     * its own transaction, and deleted by TTL after {@code app.orders.mock-retention}.
     */
    private Placed placeMock(String userId, OrderRequest request, BalanceCurrency currency, List<OrderLine> lines) {
        List<OrderLine> held = lines.stream().map(line -> line.withCodes(mockCodes(line.quantity()))).toList();
        Instant now = clock.instant();
        ApiOrder order = newOrder(userId, request, currency, held, OrderStatus.ACTIVE, now, null,
                OrderEvent.of(Times.api(now), "created", OrderStatus.ACTIVE,
                        "sandbox order: nothing charged, no stock used"));
        List<TransactWriteItem> writes = new ArrayList<>();
        int keyIndex = addKey(writes, userId, request, order.orderId(), now);
        writes.add(orders.createMock(order, now.plus(settings.completionGrace())));
        writes.add(orders.countNew(order));
        writes.add(mockQuota.count(userId, now));
        Optional<Placed> earlier = write(writes, keyIndex, writes.size() - 1, request, now);
        return earlier.orElseGet(() -> new Placed(completion.complete(order), false));
    }

    /**
     * Writes an order that claims nothing (pending or mock), retrying while only a concurrent request with the same
     * key (or the same quota) holds it up; the earlier order when the key turns out taken, 429 when the quota write
     * at {@code quotaIndex} is refused.
     */
    private Optional<Placed> write(List<TransactWriteItem> writes, int keyIndex, int quotaIndex,
            OrderRequest request, Instant now) {
        for (int attempt = 0; ; attempt++) {
            try {
                Transactions.write(dynamo, writes, "api-order-unclaimed", request.idempotencyKey(), attempt);
                return Optional.empty();
            } catch (TransactionCanceledException cancelled) {
                Optional<Placed> earlier = earlier(request, cancelled, keyIndex);
                if (earlier.isPresent()) {
                    return earlier;
                }
                if (Cancellation.conditionFailed(cancelled, quotaIndex)) {
                    throw mockQuota.refused(now);
                }
                if (attempt + 1 >= settings.claimAttempts()) {
                    throw ApiException.unavailable("contention", "too many concurrent requests with this"
                            + " idempotencyKey, retry shortly with the same one", 1);
                }
                Backoff.pause(attempt);
            }
        }
    }

    private Writes firstWrites(ApiOrder order, OrderRequest request, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        int keyIndex = addKey(writes, order.userId(), request, order.orderId(), now);
        writes.add(orders.create(order, now.plus(settings.completionGrace())));
        int balanceIndex = -1;
        if (order.charges()) {
            balanceIndex = writes.size();
            writes.addAll(balances.reserve(order.userId(), order.currency(), order.price(), order.orderId(),
                    order.createdAt()));
        }
        writes.addAll(stock.claims(order.lines()));
        writes.add(orders.countNew(order));
        return new Writes(writes, keyIndex, balanceIndex);
    }

    private int addKey(List<TransactWriteItem> writes, String userId, OrderRequest request, String orderId,
            Instant now) {
        if (request.idempotencyKey() == null) {
            return -1;
        }
        writes.add(keys.take(userId, request, orderId, now));
        return writes.size() - 1;
    }

    /** The order this key placed before, if the transaction was refused because the key is taken. */
    private Optional<Placed> earlier(OrderRequest request, TransactionCanceledException cancelled, int keyIndex) {
        Map<String, AttributeValue> stored = Cancellation.storedItem(cancelled, keyIndex);
        return stored == null ? Optional.empty() : Optional.of(replay(request, OrderKeys.taken(stored)));
    }

    private Placed replay(OrderRequest request, OrderKeys.Taken taken) {
        if (!taken.fingerprint().equals(request.fingerprint())) {
            throw ApiException.invalid("idempotency_key_reused", Violation.of("This idempotencyKey was already used"
                    + " for a different order (another body or x-currency)", "idempotency_key_reused", "body",
                    "idempotencyKey"));
        }
        // TTL deletes a sandbox order and its key independently: the key may outlive the order by a little
        ApiOrder earlier = orders.find(taken.orderId()).orElseThrow(() -> new ApiException(409,
                "idempotency_key_expired", "the sandbox order this idempotencyKey placed has expired; use a new key"));
        // paid but not yet delivered (its request died, or is still at it): delivering is safe from any request
        return new Placed(earlier.status() == OrderStatus.ACTIVE ? completion.complete(earlier) : earlier, true);
    }

    private ApiOrder newOrder(String userId, OrderRequest request, BalanceCurrency currency, List<OrderLine> lines,
            OrderStatus status, Instant now, Instant paymentExpiresAt, OrderEvent created) {
        return new ApiOrder(ids.nextString(), userId, request.idempotencyKey(), request.isMock(), currency,
                lines.stream().map(OrderLine::price).reduce(BigDecimal.ZERO, BigDecimal::add), status, null,
                Times.api(now), paymentExpiresAt == null ? null : Times.api(paymentExpiresAt), null, lines,
                List.of(created));
    }

    private static List<StockCode> mockCodes(int quantity) {
        List<StockCode> fake = new ArrayList<>();
        for (int i = 0; i < quantity; i++) {
            String value = "MOCK-" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
            fake.add(new StockCode("mock-" + i, CodeType.CODE, value));
        }
        return fake;
    }

    private static int count(List<OrderLine> lines) {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }
}
