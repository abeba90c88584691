package cc.marix.reseller.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.BatchReads;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Exchange rates, one item per direction: {@code RATE#<from>#<to> / RATE} with the exact {@code rate} (1 from =
 * rate to), its {@code source} and {@code updatedAt}. Both directions of a pair are written together (see
 * {@link RoundTrip}) and read in one call; a lone direction (written before pairs were) is still read. Next to them,
 * {@code RATE#<asset>#<balance currency> / QUOTE}: the exchanger's latest quote for a crypto top-up of that asset
 * (what the top-up locked), kept for the rates route where no rate is stored.
 */
@ApplicationScoped
public class RateStore implements RateSource {

    static final String SK = "RATE";
    static final String FROM = "from";
    static final String TO = "to";
    static final String RATE = "rate";
    static final String SOURCE = "source";
    static final String UPDATED_AT = "updatedAt";
    static final String QUOTE_SK = "QUOTE";
    static final String CHAIN = "chain";

    /** A stored rate: 1 {@code from} is worth {@code rate} {@code to} (currency or asset ids, lower case). */
    public record StoredRate(String from, String to, BigDecimal rate, String source, String updatedAt) {
    }

    /** The exchanger's latest quote: 1 of the asset (on {@code chain}) credited {@code rate} of the balance currency. */
    public record Quote(BigDecimal rate, String chain, String updatedAt) {
    }

    /** What is known about converting each of some currencies into one: stored rates either way, quotes. */
    public record Known(Map<String, BigDecimal> direct, Map<String, BigDecimal> inverse, Map<String, Quote> quotes) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public RateStore(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    /** Sets both directions of a pair in one transaction, so no reader sees one new rate with the other old. */
    public void putPair(StoredRate direct, StoredRate inverse) {
        Transactions.write(dynamo, List.of(put(direct), put(inverse)), "rate-pair", direct.from(), direct.to());
    }

    private TransactWriteItem put(StoredRate rate) {
        Map<String, AttributeValue> item = new HashMap<>(key(rate.from(), rate.to()));
        item.put(FROM, Attrs.s(rate.from()));
        item.put(TO, Attrs.s(rate.to()));
        item.put(RATE, Attrs.n(rate.rate()));
        item.put(SOURCE, Attrs.s(rate.source()));
        item.put(UPDATED_AT, Attrs.s(rate.updatedAt()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    @Override
    public RatePair pair(PriceCurrency from, PriceCurrency to) {
        List<Map<String, AttributeValue>> items = BatchReads.get(dynamo, table,
                List.of(key(from.wire(), to.wire()), key(to.wire(), from.wire())), null, Map.of(), false);
        return new RatePair(rate(items, from), rate(items, to));
    }

    /**
     * Every stored rate between each of {@code currencies} and {@code to}, either way, and the exchanger's quotes
     * into {@code to}: one BatchGetItem (three keys a currency).
     */
    public Known known(List<String> currencies, String to) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String from : currencies) {
            if (!from.equals(to)) {
                keys.addAll(List.of(key(from, to), key(to, from), quoteKey(from, to)));
            }
        }
        Map<String, BigDecimal> direct = new HashMap<>();
        Map<String, BigDecimal> inverse = new HashMap<>();
        Map<String, Quote> quotes = new HashMap<>();
        for (Map<String, AttributeValue> item : keys.isEmpty() ? List.<Map<String, AttributeValue>>of()
                : BatchReads.get(dynamo, table, keys, null, Map.of(), false)) {
            BigDecimal rate = Attrs.decimal(item, RATE);
            if (QUOTE_SK.equals(Attrs.str(item, TableSchema.SK))) {
                quotes.put(Attrs.str(item, FROM), new Quote(rate, Attrs.str(item, CHAIN), Attrs.str(item, UPDATED_AT)));
            } else if (to.equals(Attrs.str(item, TO))) {
                direct.put(Attrs.str(item, FROM), rate);
            } else {
                inverse.put(Attrs.str(item, TO), rate);
            }
        }
        return new Known(direct, inverse, quotes);
    }

    /**
     * Keeps the exchanger's quote of a crypto top-up as the latest for its asset and balance currency, unless a later
     * one is there already (concurrent top-ups: the newest stays).
     */
    public void recordQuote(String asset, String chain, String to, BigDecimal rate, String updatedAt) {
        Map<String, AttributeValue> item = new HashMap<>(quoteKey(asset, to));
        item.put(FROM, Attrs.s(asset));
        item.put(TO, Attrs.s(to));
        item.put(RATE, Attrs.n(rate));
        item.put(SOURCE, Attrs.s("exchanger"));
        item.put(CHAIN, Attrs.s(chain));
        item.put(UPDATED_AT, Attrs.s(updatedAt));
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #updatedAt <= :updatedAt")
                    .expressionAttributeNames(Map.of("#updatedAt", UPDATED_AT))
                    .expressionAttributeValues(Map.of(":updatedAt", Attrs.s(updatedAt))).build());
        } catch (ConditionalCheckFailedException newer) {
            // a later quote is kept already
        }
    }

    private static Optional<BigDecimal> rate(List<Map<String, AttributeValue>> items, PriceCurrency from) {
        return items.stream().filter(item -> from.wire().equals(Attrs.str(item, FROM)))
                .map(item -> Attrs.decimal(item, RATE)).findFirst();
    }

    static Map<String, AttributeValue> key(String from, String to) {
        return Attrs.key("RATE#" + from + "#" + to, SK);
    }

    static Map<String, AttributeValue> quoteKey(String asset, String to) {
        return Attrs.key("RATE#" + asset + "#" + to, QUOTE_SK);
    }
}
