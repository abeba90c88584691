package cc.marix.reseller.admin;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.catalog.CatalogKind;
import cc.marix.reseller.catalog.CatalogStore;
import cc.marix.reseller.catalog.Category;
import cc.marix.reseller.stock.StockWatch;
import cc.marix.reseller.support.Ids;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code fileStockWatch {categoryId}} (id or slug): files each product of the category for the stock watch (one
 * UpdateItem each), which then counts those in stock under it (order-expiry's runs, 200 filed items a run). Run once
 * per category after deploying the in-stock counts, for stock imported before them; a category at a time keeps one
 * invocation within the function's timeout whatever the catalog's size. Running it again changes no count, it only
 * makes the watch look.
 */
@ApplicationScoped
public class FileStockWatch implements AdminAction {

    @RegisterForReflection
    public record Answer(String categoryId, int filed) {
    }

    private final CatalogStore catalog;
    private final StockWatch watch;

    public FileStockWatch(CatalogStore catalog, StockWatch watch) {
        this.catalog = catalog;
        this.watch = watch;
    }

    @Override
    public String name() {
        return "fileStockWatch";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String ref = fields.text(event, "categoryId", true, 100);
        fields.check();
        Optional<String> categoryId = Ids.isUuid(ref)
                ? catalog.findCategory(ref.toLowerCase(Locale.ROOT)).map(Category::id)
                : catalog.idBySlug(CatalogKind.CATEGORY, ref);
        if (categoryId.isEmpty()) {
            throw ApiException.notFound("unknown_category", "no category " + ref);
        }
        int filed = 0;
        for (String productId : catalog.productIds(categoryId.get())) {
            // a product moved or gone since the listing is filed all the same or skipped: the watch sorts it out
            filed += watch.file(productId) ? 1 : 0;
        }
        return new Answer(categoryId.get(), filed);
    }
}
