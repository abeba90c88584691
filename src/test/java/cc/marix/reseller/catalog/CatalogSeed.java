package cc.marix.reseller.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.support.Ids;
import cc.marix.reseller.testing.BatchPuts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Large catalogs for the benchmark, written straight into the table with BatchWriteItem (25 items a call): the same
 * items the admin import writes (entry and slug record), without its per-entry read and transaction, so 10,000
 * products take seconds, not minutes. Moves the catalog's version after each batch of writes, as the import does. Every product name holds {@code token}, so one search matches them all.
 */
public final class CatalogSeed {

    /**
     * How long after the last write a container's snapshot is settled ({@link CatalogCache#SETTLE}): one loaded
     * sooner is read again once that has passed, so a bench that moves its clock on by this after seeding measures
     * the pages, not that second load.
     */
    public static final Duration SETTLE = CatalogCache.SETTLE;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final Ids ids;
    private final CatalogVersion versions;

    public CatalogSeed(DynamoDbClient dynamo, String table, ObjectMapper json, Ids ids, CatalogVersion versions) {
        this.dynamo = dynamo;
        this.table = table;
        this.json = json;
        this.ids = ids;
        this.versions = versions;
    }

    /** {@code count} new categories named {@code prefix-<n>}; answers their ids. */
    public List<String> categories(String prefix, int count) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String id = ids.nextString();
            String slug = prefix + "-" + n;
            Category category = new Category(id, slug, null, Map.of("en", "Category " + slug), null, null, null,
                    null, null);
            items.add(CatalogItems.category(category, json));
            items.add(CatalogItems.slugRecord(CatalogKind.CATEGORY, slug, id));
            created.add(id);
        }
        write(items);
        return created;
    }

    /** Products {@code from} to {@code to - 1} named after {@code prefix}, dealt round the categories; their ids. */
    public List<String> products(String prefix, String token, List<String> categoryIds, int from, int to) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (int n = from; n < to; n++) {
            String id = ids.nextString();
            String slug = prefix + "-" + n;
            Product product = new Product(id, slug, categoryIds.get(n % categoryIds.size()),
                    Map.of("en", token + " product " + n, "ru", token + " товар " + n),
                    Map.of("en", "A digital good for the benchmark, number " + n), null, null,
                    new BigDecimal(1 + n % 500).add(new BigDecimal("0.99")), "usd", 1, 10, List.of(), null, null,
                    false);
            items.add(CatalogItems.product(product, json));
            items.add(CatalogItems.slugRecord(CatalogKind.PRODUCT, slug, id));
            created.add(id);
        }
        write(items);
        return created;
    }

    private void write(List<Map<String, AttributeValue>> items) {
        BatchPuts.putAll(dynamo, table, items);
        // as the admin import does: the catalog changed, warm containers read it again
        versions.bump();
    }
}
