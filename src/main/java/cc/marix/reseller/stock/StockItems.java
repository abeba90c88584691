package cc.marix.reseller.stock;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stock's items. Available codes: {@code STOCK#<productId> / CODE#<codeId>}, deleted when claimed (the order then
 * holds the code). Every value ever imported: {@code CODEVALUE#<sha256(value)>}, kept for ever so no value is stocked
 * twice. Counters: {@code PRODUCT#<productId> / STOCK#<shard>}, changed in the same transactions as the codes.
 * The low-stock threshold an admin set: {@code PRODUCT#<productId> / LOWSTOCK}, beside the counters (not on the
 * product item, which a catalog import replaces whole). Every counter change and every threshold change files its
 * item in gsi2 under {@code STOCK_WATCH} (sort key: a new UUIDv7 each time), so {@link StockWatch} finds the products
 * whose level may have crossed their threshold without a read on the paths that sell. The watch keeps, per product
 * counted in stock, a marker {@code PRODUCT#<productId> / INSTOCK} (the category it was counted under; gsi1
 * {@code INSTOCK#<categoryId>} / {@code slug#<slug>}, the product list's default order) and, per category, {@code CATSTOCK#<categoryId> / COUNT} ({@code inStock}),
 * moved in the same transaction as the marker ({@link InStockTally}).
 */
public final class StockItems {

    static final String CODE_ID = "codeId";
    static final String TYPE = "type";
    static final String VALUE = "value";
    static final String PRODUCT_ID = "productId";
    static final String IMPORTED_AT = "importedAt";
    public static final String AVAILABLE = "available";
    public static final String DELIVERED = "delivered";
    static final String CODE_PREFIX = "CODE#";
    static final String COUNTER_PREFIX = "STOCK#";
    static final String THRESHOLD = "threshold";
    static final String THRESHOLD_SK = "LOWSTOCK";
    static final String UPDATED_AT = "updatedAt";
    public static final String WATCH = "STOCK_WATCH";
    static final String PRODUCT_PREFIX = "PRODUCT#";
    static final String PRODUCT_SK = "PRODUCT";
    /** The category a product item belongs to, and the one an in-stock marker counted it under. */
    static final String CATEGORY_ID = "categoryId";
    static final String IN_STOCK_SK = "INSTOCK";
    static final String IN_STOCK_INDEX_PREFIX = "INSTOCK#";
    /**
     * Before a slug in a marker's gsi1 sort key. Markers from before the slug was there hold the bare product id (a
     * UUID, first character a hex digit), so they all sort before {@code s}: a category's first marker tells whether
     * any old one is left.
     */
    static final String LIST_KEY_PREFIX = "slug#";
    static final String SLUG = "slug";
    static final String COUNT_PREFIX = "CATSTOCK#";
    static final String COUNT_SK = "COUNT";
    static final String IN_STOCK = "inStock";

    private StockItems() {
    }

    static String stockPk(String productId) {
        return "STOCK#" + productId;
    }

    static Map<String, AttributeValue> codeKey(String productId, String codeId) {
        return Attrs.key(stockPk(productId), CODE_PREFIX + codeId);
    }

    static Map<String, AttributeValue> code(String productId, StockCode code, String importedAt) {
        Map<String, AttributeValue> item = new HashMap<>(codeKey(productId, code.codeId()));
        item.put(CODE_ID, Attrs.s(code.codeId()));
        item.put(TYPE, Attrs.s(code.type().wire()));
        item.put(VALUE, Attrs.s(code.value()));
        item.put(IMPORTED_AT, Attrs.s(importedAt));
        return item;
    }

    static StockCode toCode(Map<String, AttributeValue> item) {
        return new StockCode(Attrs.str(item, CODE_ID), CodeType.fromWire(Attrs.str(item, TYPE)).orElseThrow(),
                Attrs.str(item, VALUE));
    }

    static Map<String, AttributeValue> valueRecord(String productId, StockCode code) {
        Map<String, AttributeValue> item = new HashMap<>(
                Attrs.key("CODEVALUE#" + Sha256.hex(code.value().getBytes(StandardCharsets.UTF_8)), "CODEVALUE"));
        item.put(PRODUCT_ID, Attrs.s(productId));
        item.put(CODE_ID, Attrs.s(code.codeId()));
        return item;
    }

    public static Map<String, AttributeValue> counterKey(String productId, int shard) {
        return Attrs.key(PRODUCT_PREFIX + productId, COUNTER_PREFIX + shard);
    }

    /** The catalog's product item (catalog.CatalogKind.PRODUCT): a threshold is set only for a product that exists. */
    static Map<String, AttributeValue> productKey(String productId) {
        return Attrs.key(PRODUCT_PREFIX + productId, PRODUCT_SK);
    }

    static Map<String, AttributeValue> threshold(String productId, int threshold, String updatedAt, String mark) {
        Map<String, AttributeValue> item = new HashMap<>(Attrs.key(PRODUCT_PREFIX + productId, THRESHOLD_SK));
        item.put(THRESHOLD, Attrs.n(threshold));
        item.put(UPDATED_AT, Attrs.s(updatedAt));
        item.put(TableSchema.GSI2_PK, Attrs.s(WATCH));
        item.put(TableSchema.GSI2_SK, Attrs.s(mark));
        return item;
    }

    static Map<String, AttributeValue> inStockMarkerKey(String productId) {
        return Attrs.key(PRODUCT_PREFIX + productId, IN_STOCK_SK);
    }

    static Map<String, AttributeValue> inStockMarker(String productId, InStockTally.Place place) {
        Map<String, AttributeValue> item = new HashMap<>(inStockMarkerKey(productId));
        item.put(CATEGORY_ID, Attrs.s(place.categoryId()));
        item.put(TableSchema.GSI1_PK, Attrs.s(IN_STOCK_INDEX_PREFIX + place.categoryId()));
        item.put(TableSchema.GSI1_SK, Attrs.s(place.listKey()));
        return item;
    }

    /** A marker's gsi1 sort key for a product of this slug: the product list's default order, slug order. */
    static String listKey(String slug) {
        return LIST_KEY_PREFIX + slug;
    }

    static Map<String, AttributeValue> countKey(String categoryId) {
        return Attrs.key(COUNT_PREFIX + categoryId, COUNT_SK);
    }
}
