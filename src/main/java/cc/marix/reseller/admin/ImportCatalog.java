package cc.marix.reseller.admin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.catalog.CatalogKind;
import cc.marix.reseller.catalog.CatalogStore;
import cc.marix.reseller.catalog.CatalogVersion;
import cc.marix.reseller.catalog.Category;
import cc.marix.reseller.catalog.Localized;
import cc.marix.reseller.catalog.NoteRules;
import cc.marix.reseller.catalog.Product;
import cc.marix.reseller.support.Ids;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code importCatalog {categories: [..], products: [..]}} in the seed's shapes. An entry is matched by its id, else
 * by its slug, so importing the same file again updates entries and never duplicates them. A product's
 * {@code categoryId} (and a category's {@code parentId}) may name the category by id or by slug.
 */
@ApplicationScoped
public class ImportCatalog implements AdminAction {

    static final Set<String> CURRENCIES = Set.of("rub", "usd");
    static final int MAX_ENTRIES = 1_000;
    static final int MAX_TEXT = 20_000;
    static final int MAX_FAQS = 100;
    static final Set<String> RESERVED_PRODUCT_SLUGS = Set.of("search");

    @RegisterForReflection
    public record Entry(String id, String slug, String result) {
    }

    @RegisterForReflection
    public record Result(List<Entry> categories, List<Entry> products) {
    }

    private final CatalogStore catalog;
    private final CatalogVersion versions;
    private final Ids ids;

    public ImportCatalog(CatalogStore catalog, CatalogVersion versions, Ids ids) {
        this.versions = versions;
        this.catalog = catalog;
        this.ids = ids;
    }

    @Override
    public String name() {
        return "importCatalog";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        List<JsonNode> categoryNodes = entries(event, "categories", fields);
        List<JsonNode> productNodes = entries(event, "products", fields);
        fields.check();
        if (categoryNodes.isEmpty() && productNodes.isEmpty()) {
            throw ApiException.invalid("validation_error",
                    Violation.of("Give at least one category or product", "too_short", "products"));
        }
        Map<String, String> batchCategoryIds = new HashMap<>();
        List<Category> categories = new ArrayList<>();
        for (int i = 0; i < categoryNodes.size(); i++) {
            Category category = category(categoryNodes.get(i), fields, i);
            if (category != null) {
                categories.add(category);
                batchCategoryIds.put(category.id(), category.id());
                batchCategoryIds.put(category.slug(), category.id());
            }
        }
        List<Category> resolvedCategories = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            Category category = categories.get(i);
            String parentId = category.parentId() == null ? null
                    : resolveCategory(category.parentId(), batchCategoryIds, fields, "categories", i, "parentId");
            resolvedCategories.add(new Category(category.id(), category.slug(), parentId, category.name(),
                    category.description(), category.attributes(), category.attributeDefinitions(), category.tags(),
                    category.faqs()));
        }
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < productNodes.size(); i++) {
            Product product = product(productNodes.get(i), fields, batchCategoryIds, i);
            if (product != null) {
                products.add(product);
            }
        }
        fields.check();
        Result result;
        try {
            result = new Result(resolvedCategories.stream()
                    .map(category -> new Entry(category.id(), category.slug(), outcome(catalog.upsert(category))))
                    .toList(),
                    products.stream()
                            .map(product -> new Entry(product.id(), product.slug(), outcome(catalog.upsert(product))))
                            .toList());
        } catch (RuntimeException failure) {
            // the entries written before the failure would stay hidden from warm containers until CatalogCache.MAX_AGE
            bumpKeeping(failure);
            throw failure;
        }
        // after the writes, never before: a container that sees the new version must find them (CatalogCache)
        versions.bump();
        return result;
    }

    /** Moves the version after a failed write; the write's failure is the answer, a failed move only its footnote. */
    private void bumpKeeping(RuntimeException failure) {
        try {
            versions.bump();
        } catch (RuntimeException bumpFailed) {
            failure.addSuppressed(bumpFailed);
        }
    }

    private static String outcome(CatalogStore.Upsert upsert) {
        return upsert.name().toLowerCase(Locale.ROOT);
    }

    private static List<JsonNode> entries(JsonNode event, String field, JsonFields fields) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_ENTRIES) {
            fields.add(Violation.of("Input should be a list of at most " + MAX_ENTRIES + " objects", "list_type",
                    field));
            return List.of();
        }
        List<JsonNode> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isObject()) {
                entries.add(node.get(i));
            } else {
                fields.add(Violation.of("Input should be an object", "model_type", field, i));
            }
        }
        return entries;
    }

    private Category category(JsonNode node, JsonFields fields, int i) {
        String slug = fields.matching(node, "slug", true, AdminInput.SLUG, "a lowercase slug (a-z, 0-9, -)",
                "categories", i);
        String id = entityId(node, fields, CatalogKind.CATEGORY, slug, "categories", i);
        Map<String, String> name = text(node, "name", true, fields, "categories", i);
        Map<String, String> description = text(node, "description", false, fields, "categories", i);
        JsonNode attributes = fields.object(node, "attributes", "categories", i);
        JsonNode definitions = fields.array(node, "attributeDefinitions", "categories", i);
        List<String> tags = fields.strings(node, "tags", 100, "categories", i);
        String parent = fields.text(node, "parentId", false, 100, "categories", i);
        JsonNode faqs = faqs(node, fields, i);
        if (slug == null || id == null || name == null) {
            return null;
        }
        return new Category(id, slug, parent, name, description, attributes, definitions, tags, faqs);
    }

    /** {@code [{question, answer}]}, each text a string (ru) or per language, as the API shows them localized. */
    private static JsonNode faqs(JsonNode node, JsonFields fields, int i) {
        JsonNode faqs = fields.array(node, "faqs", "categories", i);
        if (faqs == null) {
            return null;
        }
        if (faqs.size() > MAX_FAQS) {
            fields.add(Violation.of("Input should be a list of at most " + MAX_FAQS + " items", "too_long",
                    "categories", i, "faqs"));
            return null;
        }
        boolean valid = true;
        for (int f = 0; f < faqs.size(); f++) {
            JsonNode faq = faqs.get(f);
            if (!faq.isObject()) {
                fields.add(Violation.of("Input should be an object", "model_type", "categories", i, "faqs", f));
                valid = false;
                continue;
            }
            valid &= text(faq, "question", true, fields, "categories", i, "faqs", f) != null;
            valid &= text(faq, "answer", true, fields, "categories", i, "faqs", f) != null;
        }
        return valid ? faqs : null;
    }

    private Product product(JsonNode node, JsonFields fields, Map<String, String> batchCategoryIds, int i) {
        String slug = fields.matching(node, "slug", true, AdminInput.SLUG, "a lowercase slug (a-z, 0-9, -)",
                "products", i);
        if (slug != null && RESERVED_PRODUCT_SLUGS.contains(slug)) {
            // GET /api/products/search is the search, so a product with this slug could never be fetched by it
            fields.add(Violation.of("This slug is reserved", "value_error", "products", i, "slug"));
            slug = null;
        }
        String id = entityId(node, fields, CatalogKind.PRODUCT, slug, "products", i);
        String categoryRef = fields.text(node, "categoryId", true, 100, "products", i);
        Map<String, String> name = text(node, "name", true, fields, "products", i);
        Map<String, String> description = text(node, "description", false, fields, "products", i);
        Map<String, String> userGuide = text(node, "userGuide", false, fields, "products", i);
        JsonNode attributes = fields.object(node, "attributes", "products", i);
        BigDecimal price = fields.amount(node, "price", true, 2, "products", i);
        if (price != null && price.signum() == 0) {
            // a free product would hand out codes for nothing, and any converted price of it would be 0.00 too
            fields.add(new Violation(List.of("products", i, "price"), "Input should be greater than 0",
                    "greater_than", Map.of("gt", 0)));
            price = null;
        }
        String currency = Optional.ofNullable(fields.text(node, "currency", false, 3, "products", i)).orElse("rub");
        if (!CURRENCIES.contains(currency)) {
            fields.add(Violation.of("Input should be 'rub' or 'usd'", "literal_error", "products", i, "currency"));
        }
        Integer min = Optional.ofNullable(fields.integer(node, "orderMinQuantity", false, 1, 10_000, "products", i))
                .orElse(1);
        Integer max = Optional.ofNullable(fields.integer(node, "orderMaxQuantity", false, 1, 10_000, "products", i))
                .orElse(100);
        if (max < min) {
            fields.add(Violation.of("orderMaxQuantity must not be below orderMinQuantity", "value_error", "products",
                    i, "orderMaxQuantity"));
        }
        List<String> noteFields = fields.strings(node, "requiredNoteFields", 50, "products", i);
        JsonNode noteOptions = fields.object(node, "noteFieldOptions", "products", i);
        JsonNode noteTypes = fields.object(node, "noteFieldTypes", "products", i);
        NoteRules.schemaProblems(noteTypes, noteOptions, "products", i).forEach(fields::add);
        Boolean isService = fields.bool(node, "isService", "products", i);
        String categoryId = categoryRef == null ? null
                : resolveCategory(categoryRef, batchCategoryIds, fields, "products", i, "categoryId");
        if (slug == null || id == null || name == null || price == null || categoryId == null) {
            return null;
        }
        return new Product(id, slug, categoryId, name, description, userGuide, attributes, price, currency, min, max,
                noteFields, noteOptions, noteTypes, Boolean.TRUE.equals(isService));
    }

    private String entityId(JsonNode node, JsonFields fields, CatalogKind kind, String slug, Object... loc) {
        String given = fields.text(node, "id", false, 36, loc);
        if (given != null) {
            if (!Ids.isUuid(given)) {
                fields.add(new Violation(JsonFields.at(loc, "id"), "Input should be a valid UUID", "uuid_parsing"));
                return null;
            }
            return given.toLowerCase(Locale.ROOT);
        }
        if (node.has("id") || slug == null) {
            return null;
        }
        return catalog.idBySlug(kind, slug).orElseGet(ids::nextString);
    }

    private String resolveCategory(String ref, Map<String, String> batch, JsonFields fields, Object... loc) {
        String inBatch = batch.get(ref);
        if (inBatch != null) {
            return inBatch;
        }
        Optional<String> stored = Ids.isUuid(ref)
                ? catalog.findCategory(ref.toLowerCase(Locale.ROOT)).map(Category::id)
                : catalog.idBySlug(CatalogKind.CATEGORY, ref);
        if (stored.isEmpty()) {
            fields.add(new Violation(List.of(loc), "Unknown category " + ref, "unknown_category"));
            return null;
        }
        return stored.get();
    }

    private static Map<String, String> text(JsonNode node, String field, boolean required, JsonFields fields,
            Object... loc) {
        try {
            Map<String, String> texts = Localized.read(node.get(field));
            if (texts == null && required) {
                fields.missing(field, loc);
            }
            if (texts != null && texts.values().stream().anyMatch(text -> text.length() > MAX_TEXT)) {
                fields.add(new Violation(JsonFields.at(loc, field), "Text is longer than " + MAX_TEXT, "string_too_long"));
                return null;
            }
            return texts;
        } catch (IllegalArgumentException e) {
            fields.add(new Violation(JsonFields.at(loc, field), "Input should be " + e.getMessage(), "value_error"));
            return null;
        }
    }
}
