package cc.marix.reseller.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.stock.StockCounters;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.support.LruMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The public API's catalog reads; GetItem and Query only. Categories sit in gsi1 {@code CATEGORIES} by slug, a
 * category's products in gsi1 {@code CATEGORY_PRODUCTS#<categoryId>} by slug (read whole into a
 * {@link CatalogSnapshot}, which the listings and the search answer from), and a product's partition holds the
 * product and its stock counters, so one Query answers a product with its live quantity.
 */
@ApplicationScoped
public class CatalogReader {

    /** A page of categories in slug order; {@code more} when the index may hold further ones. */
    public record CategoryBatch(List<Category> categories, boolean more) {
    }

    /** What a category's figures need of a product: no texts. */
    public record PricedProduct(String id, BigDecimal price, String currency) {
    }

    /** A product with its live quantity (available codes). */
    public record StockedProduct(Product product, long quantity) {
    }

    /** A product and when it was first imported (sortable UTC text; null for one imported before that was kept). */
    public record ListedProduct(Product product, String createdAt) {
    }

    /** Products kept parsed; past this many, the least recently read is dropped. */
    static final int PARSED_PRODUCTS = 1_000;
    /** Longer documents (long descriptions in many languages) are parsed each time, so the memo stays a few MB. */
    static final int PARSED_DOCUMENT_CHARS = 4_096;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    /**
     * Products by id with the document they were parsed from, so a product read again (every order of it reads its
     * partition for the live item) is not parsed again (6 % of an order's own CPU samples, issue 14). Used only while
     * the stored document is the same text: any import that changes a product changes its text, so nothing here can
     * be stale; the exact price is taken from the item on every read as before.
     */
    private final Map<String, ParsedProduct> parsed = LruMap.of(PARSED_PRODUCTS);

    private record ParsedProduct(String document, Product product) {
    }

    public CatalogReader(DynamoDbClient dynamo, AppConfig config, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.json = json;
    }

    /**
     * The whole catalog without stock, for {@link CatalogCache}: every category (gsi1 {@code CATEGORIES}, slug order),
     * then each category's products (gsi1 {@code CATEGORY_PRODUCTS#<id>}): 1 + c Queries, paged past 1 MB.
     */
    CatalogSnapshot load(CatalogVersion.Stamp stamp, Instant loadedAt) {
        List<Category> categories = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName(TableSchema.GSI1)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attrs.s(CatalogIndex.CATEGORIES)))
                .build()).items().forEach(item -> categories.add(CatalogItems.toCategory(item, json)));
        Map<String, List<ListedProduct>> products = new HashMap<>();
        for (Category category : categories) {
            products.put(category.id(), listed(category.id()));
        }
        return new CatalogSnapshot(stamp, loadedAt, categories, products);
    }

    private List<ListedProduct> listed(String categoryId) {
        List<ListedProduct> products = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName(TableSchema.GSI1)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attrs.s(CatalogIndex.productsOf(categoryId))))
                .build()).items().forEach(item -> products.add(
                        new ListedProduct(CatalogItems.toProduct(item, json), Attrs.str(item, CatalogItems.CREATED_AT))));
        return products;
    }

    /** The product named by id or slug, with its live quantity: one Query of its partition (after a slug lookup). */
    public Optional<StockedProduct> product(String ref) {
        Optional<StockedProduct> byId = CatalogRefs.asId(ref).flatMap(this::productPartition);
        if (byId.isPresent() || !CatalogRefs.isSlug(ref)) {
            return byId;
        }
        return get(CatalogItems.slugKey(CatalogKind.PRODUCT, ref))
                .map(slugRecord -> Attrs.str(slugRecord, CatalogItems.ID))
                .flatMap(this::productPartition);
    }

    private Optional<StockedProduct> productPartition(String productId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        // consistent: the quantity is the live stock, and the counters are a few bytes
        dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attrs.s(CatalogKind.PRODUCT.pk(productId))))
                .consistentRead(true)
                .build()).items().forEach(items::add);
        return items.stream()
                .filter(item -> CatalogKind.PRODUCT.sk().equals(Attrs.str(item, TableSchema.SK)))
                .findFirst()
                .map(item -> new StockedProduct(parsedProduct(item), StockCounters.availableIn(items)));
    }

    private Product parsedProduct(Map<String, AttributeValue> item) {
        String id = Attrs.str(item, CatalogItems.ID);
        String document = Attrs.str(item, CatalogItems.DOC);
        ParsedProduct kept = parsed.get(id);
        if (kept != null && kept.document().equals(document)) {
            return CatalogItems.priced(kept.product(), item);
        }
        Product stored = CatalogItems.readProduct(document, id, json);
        if (document.length() <= PARSED_DOCUMENT_CHARS) {
            parsed.put(id, new ParsedProduct(document, stored));
        }
        return CatalogItems.priced(stored, item);
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table).key(key).build())
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
