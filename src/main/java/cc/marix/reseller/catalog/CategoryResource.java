package cc.marix.reseller.catalog;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.QueryParams;
import cc.marix.reseller.api.Violation;

/**
 * {@code GET /api/categories/} (function categories-list) and {@code GET /api/categories/{category_id_or_slug}}
 * (category-get).
 */
@Path("/api/categories")
@Produces(MediaType.APPLICATION_JSON)
public class CategoryResource {

    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_FILTER = 100;

    private final CatalogGate gate;
    private final CategoryListing listing;
    private final CatalogCache cache;
    private final CategoryStats stats;

    public CategoryResource(CatalogGate gate, CategoryListing listing, CatalogCache cache, CategoryStats stats) {
        this.gate = gate;
        this.listing = listing;
        this.cache = cache;
        this.stats = stats;
    }

    /** Parameters: withStockOnly, tag, parent_id_or_slug, limit, cursor (read from {@code uri}, see QueryParams). */
    @GET
    public CategoryPage list(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @Context UriInfo uri) {
        Presentation shown = gate.enter(authorization, language, currency);
        QueryParams query = QueryParams.of(uri);
        boolean stockOnly = query.bool("withStockOnly", false);
        String tag = query.text("tag", false, MAX_FILTER);
        String parentRef = query.text("parent_id_or_slug", false, MAX_FILTER);
        int limit = query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        String cursor = query.raw("cursor");
        String after = null;
        // an empty cursor (string | null) is the first page, as FastAPI reads it
        if (cursor != null && !cursor.isBlank()) {
            after = CategoryCursor.slugAfter(cursor).orElse(null);
            if (after == null) {
                query.add(Violation.of("Invalid cursor: pass the nextCursor of a previous page as it is", "value_error",
                        "query", "cursor"));
            }
        }
        query.check();
        return listing.page(new CategoryListing.Request(tag, parentRef, stockOnly, limit, after), shown);
    }

    @GET
    @Path("/{category_id_or_slug}")
    public CategoryView get(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("category_id_or_slug") String ref) {
        Presentation shown = gate.enter(authorization, language, currency);
        CatalogSnapshot catalog = cache.current();
        Category category = catalog.category(ref)
                .orElseThrow(() -> ApiException.notFound("category_not_found", "no category has this id or slug"));
        return CategoryView.of(category, stats.of(catalog, List.of(category), shown.prices()).get(category.id()),
                shown, true);
    }
}
