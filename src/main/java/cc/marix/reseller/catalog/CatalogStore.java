package cc.marix.reseller.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.stock.StockItems;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.store.Transactions;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Catalog items and their slug records; a slug belongs to one entry of its kind, enforced by a conditional write. */
@ApplicationScoped
public class CatalogStore {

    public enum Upsert {
        CREATED,
        UPDATED,
        SLUG_TAKEN,
        CHANGED_CONCURRENTLY
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final Clock clock;
    private final Ids ids;

    public CatalogStore(DynamoDbClient dynamo, AppConfig config, ObjectMapper json, Clock clock, Ids ids) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.json = json;
        this.clock = clock;
        this.ids = ids;
    }

    public Optional<Product> findProduct(String id) {
        return get(CatalogItems.key(CatalogKind.PRODUCT, id)).map(item -> CatalogItems.toProduct(item, json));
    }

    public Optional<Category> findCategory(String id) {
        return get(CatalogItems.key(CatalogKind.CATEGORY, id)).map(item -> CatalogItems.toCategory(item, json));
    }

    public Optional<String> idBySlug(CatalogKind kind, String slug) {
        return get(CatalogItems.slugKey(kind, slug)).map(item -> Attrs.str(item, CatalogItems.ID));
    }

    /** The ids of a category's products (gsi1 {@code CATEGORY_PRODUCTS#<categoryId>}, ids only, paged past 1 MB). */
    public List<String> productIds(String categoryId) {
        List<String> ids = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName(TableSchema.GSI1)
                .keyConditionExpression("#index = :category")
                .expressionAttributeNames(Map.of("#index", TableSchema.GSI1_PK, "#id", CatalogItems.ID))
                .expressionAttributeValues(Map.of(":category", Attrs.s(CatalogIndex.productsOf(categoryId))))
                .projectionExpression("#id")
                .build()).items().forEach(item -> ids.add(Attrs.str(item, CatalogItems.ID)));
        return ids;
    }

    public Upsert upsert(Product product) {
        return upsert(CatalogKind.PRODUCT, product.id(), product.slug(), CatalogItems.product(product, json));
    }

    public Upsert upsert(Category category) {
        return upsert(CatalogKind.CATEGORY, category.id(), category.slug(), CatalogItems.category(category, json));
    }

    /**
     * Writes the entry and its slug record in one transaction. The entry's write is conditional on the slug it had
     * when read, so a concurrent import of the same entry cannot leave a stale slug record behind.
     */
    private Upsert upsert(CatalogKind kind, String id, String slug, Map<String, AttributeValue> item) {
        Optional<Map<String, AttributeValue>> existing = get(CatalogItems.key(kind, id));
        String oldSlug = existing.map(stored -> Attrs.str(stored, CatalogItems.SLUG)).orElse(null);
        // an entry imported before it had one gets the time of this import
        item.put(CatalogItems.CREATED_AT, Attrs.s(existing.map(stored -> Attrs.str(stored, CatalogItems.CREATED_AT))
                .orElseGet(() -> Times.sortable(clock.instant()))));
        if (kind == CatalogKind.PRODUCT) {
            existing.ifPresent(stored -> fileMoveForStockWatch(stored, item));
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        Put.Builder entry = Put.builder().tableName(table).item(item);
        if (oldSlug == null) {
            entry.conditionExpression("attribute_not_exists(pk)");
        } else {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":oldSlug", Attrs.s(oldSlug)));
            entry.conditionExpression("slug = :oldSlug AND " + filingAsRead(existing.get(), values))
                    .expressionAttributeValues(values);
        }
        writes.add(TransactWriteItem.builder().put(entry.build()).build());
        writes.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(CatalogItems.slugRecord(kind, slug, id))
                .conditionExpression("attribute_not_exists(pk) OR id = :id")
                .expressionAttributeValues(Map.of(":id", Attrs.s(id)))
                .build()).build());
        if (oldSlug != null && !oldSlug.equals(slug)) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder()
                    .tableName(table)
                    .key(CatalogItems.slugKey(kind, oldSlug))
                    .conditionExpression("id = :id")
                    .expressionAttributeValues(Map.of(":id", Attrs.s(id)))
                    .build()).build());
        }
        try {
            Transactions.write(dynamo, writes, "catalog-upsert", kind, id);
            return existing.isPresent() ? Upsert.UPDATED : Upsert.CREATED;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                return Upsert.SLUG_TAKEN;
            }
            return Upsert.CHANGED_CONCURRENTLY;
        }
    }

    /**
     * A product moved in the lists, to another category or to another place in its category's slug order (a new
     * slug), is filed for the stock watch (gsi2 {@code STOCK_WATCH}, a new mark), which then moves its in-stock marker
     * and count (stock.InStockTally); a filing the watch has not looked at yet is carried over, as the Put replaces the
     * whole item. An unchanged product costs nothing more. A new product needs no filing: it has no codes yet, and its
     * first codes file it.
     */
    private void fileMoveForStockWatch(Map<String, AttributeValue> stored, Map<String, AttributeValue> item) {
        if (!Objects.equals(Attrs.str(stored, CatalogItems.CATEGORY_ID), Attrs.str(item, CatalogItems.CATEGORY_ID))
                || !Objects.equals(Attrs.str(stored, CatalogItems.SLUG), Attrs.str(item, CatalogItems.SLUG))) {
            item.put(TableSchema.GSI2_PK, Attrs.s(StockItems.WATCH));
            item.put(TableSchema.GSI2_SK, Attrs.s(ids.nextString()));
        } else if (stored.containsKey(TableSchema.GSI2_PK)) {
            item.put(TableSchema.GSI2_PK, stored.get(TableSchema.GSI2_PK));
            item.put(TableSchema.GSI2_SK, stored.get(TableSchema.GSI2_SK));
        }
    }

    /**
     * The stock watch filing as read ({@code gsi2sk}): the Put replaces the whole item, so a filing set between the
     * read and the Put (admin fileStockWatch, a stock watch run taking it off) would be lost or brought back.
     */
    private static String filingAsRead(Map<String, AttributeValue> stored, Map<String, AttributeValue> values) {
        AttributeValue mark = stored.get(TableSchema.GSI2_SK);
        if (mark == null) {
            return "attribute_not_exists(" + TableSchema.GSI2_SK + ")";
        }
        values.put(":filedAs", mark);
        return TableSchema.GSI2_SK + " = :filedAs";
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(key).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
