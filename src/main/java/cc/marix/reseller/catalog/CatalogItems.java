package cc.marix.reseller.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps catalog records to items. The descriptive, per-language fields travel as one JSON document ({@code doc});
 * what queries and money need stays typed: slug, category, and the price as an exact number.
 */
final class CatalogItems {

    static final String ID = "id";
    static final String SLUG = "slug";
    static final String CATEGORY_ID = "categoryId";
    static final String PARENT_ID = "parentId";
    static final String PRICE = "price";
    static final String CURRENCY = "currency";
    static final String DOC = "doc";
    /** When the entry was first imported (kept by later imports): what the products list's {@code newest} sorts by. */
    static final String CREATED_AT = "createdAt";
    static final String SLUG_SK = "SLUG";

    private CatalogItems() {
    }

    static Map<String, AttributeValue> key(CatalogKind kind, String id) {
        return Attrs.key(kind.pk(id), kind.sk());
    }

    static Map<String, AttributeValue> slugKey(CatalogKind kind, String slug) {
        return Attrs.key(kind.slugPk(slug), SLUG_SK);
    }

    static Map<String, AttributeValue> product(Product product, ObjectMapper json) {
        Map<String, AttributeValue> item = base(CatalogKind.PRODUCT, product.id(), product.slug(), json, product);
        item.put(CATEGORY_ID, Attrs.s(product.categoryId()));
        item.put(PRICE, Attrs.n(product.price()));
        item.put(CURRENCY, Attrs.s(product.currency()));
        item.put(TableSchema.GSI1_PK, Attrs.s(CatalogIndex.productsOf(product.categoryId())));
        item.put(TableSchema.GSI1_SK, Attrs.s(product.slug()));
        return item;
    }

    static Map<String, AttributeValue> category(Category category, ObjectMapper json) {
        Map<String, AttributeValue> item = base(CatalogKind.CATEGORY, category.id(), category.slug(), json, category);
        if (category.parentId() != null) {
            item.put(PARENT_ID, Attrs.s(category.parentId()));
        }
        item.put(TableSchema.GSI1_PK, Attrs.s(CatalogIndex.CATEGORIES));
        item.put(TableSchema.GSI1_SK, Attrs.s(category.slug()));
        return item;
    }

    static Product toProduct(Map<String, AttributeValue> item, ObjectMapper json) {
        return priced(read(item, json, Product.class), item);
    }

    /** The product its document ({@code doc}) holds, before {@link #priced}. */
    static Product readProduct(String document, String id, ObjectMapper json) {
        return read(document, id, json, Product.class);
    }

    /** The stored product with the price the item keeps typed, as every read of a product takes it. */
    static Product priced(Product stored, Map<String, AttributeValue> item) {
        BigDecimal exactPrice = Attrs.decimal(item, PRICE);
        return new Product(stored.id(), stored.slug(), stored.categoryId(), stored.name(), stored.description(),
                stored.userGuide(), stored.attributes(), exactPrice, stored.currency(), stored.orderMinQuantity(),
                stored.orderMaxQuantity(), stored.requiredNoteFields(), stored.noteFieldOptions(),
                stored.noteFieldTypes(), stored.isService());
    }

    static Category toCategory(Map<String, AttributeValue> item, ObjectMapper json) {
        return read(item, json, Category.class);
    }

    static Map<String, AttributeValue> slugRecord(CatalogKind kind, String slug, String id) {
        Map<String, AttributeValue> item = new HashMap<>(slugKey(kind, slug));
        item.put(ID, Attrs.s(id));
        return item;
    }

    private static Map<String, AttributeValue> base(CatalogKind kind, String id, String slug, ObjectMapper json,
            Object record) {
        Map<String, AttributeValue> item = new HashMap<>(key(kind, id));
        item.put(ID, Attrs.s(id));
        item.put(SLUG, Attrs.s(slug));
        try {
            item.put(DOC, Attrs.s(json.writeValueAsString(record)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return item;
    }

    private static <T> T read(Map<String, AttributeValue> item, ObjectMapper json, Class<T> type) {
        return read(Attrs.str(item, DOC), Attrs.str(item, ID), json, type);
    }

    private static <T> T read(String document, String id, ObjectMapper json, Class<T> type) {
        try {
            return json.readValue(document, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable catalog item " + id, e);
        }
    }
}
