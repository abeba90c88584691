package cc.marix.reseller.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.support.Ids;

/** The layout of the sharded order counts: keys, and how orders spread over the shards. */
class OrderCountShardsTest {

    @Test
    void shardZero_shouldBeTheItemOfBeforeTheShards_andEveryKeyShouldNameItsShard() {
        assertEquals(Attrs.key("USER#u1", "ORDERCOUNT"), OrderCounts.key("u1", 0));
        for (int shard = 0; shard < OrderCounts.SHARDS; shard++) {
            assertEquals(shard, OrderCounts.shardOf(OrderCounts.key("u1", shard)));
        }
        assertEquals(Attrs.key("USER#u1", "ORDERCOUNT#7"), OrderCounts.key("u1", 7));
    }

    @Test
    void anOrdersShard_shouldBeTheSameEveryTime_andOrdersOfOneInstantSpreadOverEveryShard() {
        Ids ids = new Ids(Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC));
        Map<Integer, Integer> spread = new HashMap<>();
        for (int i = 0; i < 800; i++) {
            String orderId = ids.nextString();
            assertEquals(OrderCounts.shard(orderId), OrderCounts.shard(new String(orderId.toCharArray())));
            spread.merge(OrderCounts.shard(orderId), 1, Integer::sum);
        }
        assertEquals(OrderCounts.SHARDS, spread.size(), spread.toString());
        spread.values().forEach(count -> assertEquals(100, count, 50, spread.toString()));
    }
}
