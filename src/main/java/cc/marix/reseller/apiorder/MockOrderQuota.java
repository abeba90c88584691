package cc.marix.reseller.apiorder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * At most {@code app.orders.mock-orders-per-hour} sandbox orders per user and clock hour (UTC). The count is an item
 * {@code MOCKQUOTA#<userId>#<hour> / MOCKQUOTA} counted up in the order's own transaction on condition that it is
 * below the limit: no extra round trip, concurrent orders cannot overshoot it, and an order whose transaction is
 * cancelled (a replayed idempotencyKey, a refused write) counts nothing. TTL deletes the item after its hour.
 */
@ApplicationScoped
public class MockOrderQuota {

    static final String SK = "MOCKQUOTA";
    static final String COUNT = "orders";
    private static final Duration WINDOW = Duration.ofHours(1);

    private final String table;
    private final int limit;

    public MockOrderQuota(AppConfig config) {
        this.table = config.table().name();
        this.limit = config.orders().mockOrdersPerHour();
    }

    static Map<String, AttributeValue> key(String userId, Instant now) {
        return Attrs.key(SK + "#" + userId + "#" + window(now).getEpochSecond(), SK);
    }

    /** The write that counts one more sandbox order of this user in the current hour; refused at the limit. */
    TransactWriteItem count(String userId, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", Attrs.n(1));
        values.put(":limit", Attrs.n(limit));
        values.put(":expires", Attrs.n(window(now).plus(WINDOW).getEpochSecond()));
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(userId, now))
                .updateExpression("ADD #count :one SET #ttl = :expires")
                .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                .expressionAttributeNames(Map.of("#count", COUNT, "#ttl", TableSchema.TTL))
                .expressionAttributeValues(values)
                .build()).build();
    }

    /** 429 {@code rate_limited}, with {@code Retry-After} the seconds until the current hour ends. */
    ApiException refused(Instant now) {
        long millis = Duration.between(now, window(now).plus(WINDOW)).toMillis();
        int seconds = (int) Math.max(1, (millis + 999) / 1000);
        return ApiException.rateLimited("at most " + limit + " sandbox orders an hour; the next one is possible in "
                + seconds + " s", seconds);
    }

    private static Instant window(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS);
    }
}
