package cc.marix.reseller.catalog;

import java.math.BigDecimal;
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

/**
 * {@code GET /api/products/} (function products-list), {@code GET /api/products/search} (products-search) and
 * {@code GET /api/products/{product_id_or_slug}} (product-get). A product's slug can never be {@code search}: the
 * import refuses it, since that path belongs to the search.
 */
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_REF = 100;
    static final int MAX_QUERY = 200;

    private final CatalogGate gate;
    private final CatalogReader reader;
    private final ProductListing listing;
    private final ProductSearch search;

    public ProductResource(CatalogGate gate, CatalogReader reader, ProductListing listing, ProductSearch search) {
        this.gate = gate;
        this.reader = reader;
        this.listing = listing;
        this.search = search;
    }

    /**
     * Parameters: withStockOnly, limit, offset, category_id_or_slug (required), price_min and price_max (in the
     * answer's currency, inclusive), sort ({@link ProductSort}).
     */
    @GET
    public ProductPage list(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @Context UriInfo uri) {
        Presentation shown = gate.enter(authorization, language, currency);
        QueryParams query = QueryParams.of(uri);
        boolean stockOnly = query.bool("withStockOnly", false);
        int limit = query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        int offset = query.integer("offset", 0, Integer.MAX_VALUE, 0);
        String categoryRef = query.text("category_id_or_slug", true, MAX_REF);
        BigDecimal priceMin = query.decimal("price_min", BigDecimal.ZERO);
        BigDecimal priceMax = query.decimal("price_max", BigDecimal.ZERO);
        String sort = query.choice("sort", ProductSort.wires());
        query.check();
        return listing.page(new ProductListing.Request(categoryRef, stockOnly, priceMin, priceMax,
                sort == null ? null : ProductSort.fromWire(sort).orElseThrow(), limit, offset), shown);
    }

    /** Parameters: query (required), withStockOnly, category_id_or_slug, limit. */
    @GET
    @Path("/search")
    public List<ProductView> search(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @Context UriInfo uri) {
        Presentation shown = gate.enter(authorization, language, currency);
        QueryParams query = QueryParams.of(uri);
        String text = query.text("query", true, MAX_QUERY);
        boolean stockOnly = query.bool("withStockOnly", false);
        String categoryRef = query.text("category_id_or_slug", false, MAX_REF);
        int limit = query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        query.check();
        return search.search(text, categoryRef, stockOnly, limit, shown);
    }

    @GET
    @Path("/{product_id_or_slug}")
    public ProductView get(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("product_id_or_slug") String ref) {
        Presentation shown = gate.enter(authorization, language, currency);
        CatalogReader.StockedProduct found = reader.product(ref)
                .orElseThrow(() -> ApiException.notFound("product_not_found", "no product has this id or slug"));
        return ProductView.of(found.product(), found.quantity(), shown);
    }
}
