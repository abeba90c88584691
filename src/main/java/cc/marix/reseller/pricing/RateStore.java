package cc.marix.reseller.pricing;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.BatchReads;
import cc.marix.reseller.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Exchange rates, one item per direction: {@code RATE#<from>#<to> / RATE} with the exact {@code rate} (1 from =
 * rate to), its {@code source} and {@code updatedAt}. Both directions of a pair are written together (see
 * {@link RoundTrip}) and read in one call; a lone direction (written before pairs were) is still read.
 */
@ApplicationScoped
public class RateStore implements RateSource {

    static final String SK = "RATE";
    static final String FROM = "from";
    static final String TO = "to";
    static final String RATE = "rate";
    static final String SOURCE = "source";
    static final String UPDATED_AT = "updatedAt";

    /** A stored rate: 1 {@code from} is worth {@code rate} {@code to}. */
    public record StoredRate(PriceCurrency from, PriceCurrency to, BigDecimal rate, String source, String updatedAt) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public RateStore(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    /** Sets both directions of a pair in one transaction, so no reader sees one new rate with the other old. */
    public void putPair(StoredRate direct, StoredRate inverse) {
        Transactions.write(dynamo, List.of(put(direct), put(inverse)), "rate-pair", direct.from().wire(),
                direct.to().wire());
    }

    private TransactWriteItem put(StoredRate rate) {
        Map<String, AttributeValue> item = new HashMap<>(key(rate.from(), rate.to()));
        item.put(FROM, Attrs.s(rate.from().wire()));
        item.put(TO, Attrs.s(rate.to().wire()));
        item.put(RATE, Attrs.n(rate.rate()));
        item.put(SOURCE, Attrs.s(rate.source()));
        item.put(UPDATED_AT, Attrs.s(rate.updatedAt()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    @Override
    public RatePair pair(PriceCurrency from, PriceCurrency to) {
        List<Map<String, AttributeValue>> items = BatchReads.get(dynamo, table, List.of(key(from, to), key(to, from)),
                null, Map.of(), false);
        return new RatePair(rate(items, from), rate(items, to));
    }

    private static Optional<BigDecimal> rate(List<Map<String, AttributeValue>> items, PriceCurrency from) {
        return items.stream().filter(item -> from.wire().equals(Attrs.str(item, FROM)))
                .map(item -> Attrs.decimal(item, RATE)).findFirst();
    }

    static Map<String, AttributeValue> key(PriceCurrency from, PriceCurrency to) {
        return Attrs.key("RATE#" + from.wire() + "#" + to.wire(), SK);
    }
}
