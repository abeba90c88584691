package cc.marix.reseller.apiorder;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.account.Authenticator;
import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.ClientPreferences;
import cc.marix.reseller.api.MediaTypes;
import cc.marix.reseller.api.PathIds;
import cc.marix.reseller.api.QueryParams;
import cc.marix.reseller.catalog.Localized;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.support.Ids;

/**
 * {@code GET /api/orders/} (function orders-list), {@code POST /api/orders/} (order-create),
 * {@code GET /api/orders/{order_id}} (order-get). An order
 * is charged in {@code x-currency} (rub when absent) from the balance of that currency; reads show each order in the
 * currency it was charged in, whatever {@code x-currency} says.
 */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** On a list whose {@code total} is a lower bound (a filter no order count covers, over a long history). */
    static final String TOTAL_LOWER_BOUND_HEADER = "X-Total-Lower-Bound";
    static final int MAX_BODY_BYTES = 65_536;
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;

    private final Authenticator authenticator;
    private final OrderPlacement placement;
    private final OrderReader reader;
    private final ObjectMapper json;
    private final int maxItems;

    public OrderResource(Authenticator authenticator, OrderPlacement placement, OrderReader reader, ObjectMapper json,
            AppConfig config) {
        this.authenticator = authenticator;
        this.placement = placement;
        this.reader = reader;
        this.json = json;
        this.maxItems = config.orders().maxItems();
    }

    /**
     * Parameters: statuses (comma-separated), item_id, created_from, created_to, payment_method, delivery_mode, limit,
     * offset. The seed's page; {@code X-Total-Lower-Bound: true} when its total is a lower bound.
     */
    @GET
    public Response list(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @Context UriInfo uri) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        QueryParams query = QueryParams.of(uri);
        OrderFilter filter = OrderFilter.read(query);
        int limit = query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        int offset = query.integer("offset", 0, Integer.MAX_VALUE, 0);
        query.check();
        OrderReader.Listed listed = reader.page(userId, filter, limit, offset);
        Response.ResponseBuilder response = Response.ok(listed.page());
        if (!listed.exactTotal()) {
            response.header(TOTAL_LOWER_BOUND_HEADER, "true");
        }
        return response.build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        String userId = authenticator.userId(authorization);
        ClientPreferences preferences = ClientPreferences.of(language, currency);
        MediaTypes.requireJson(contentType, body);
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("an order is at most " + MAX_BODY_BYTES + " bytes");
        }
        BalanceCurrency chargedIn = BalanceCurrency.fromWire(preferences.currency() == null ? "rub"
                : preferences.currency()).orElseThrow();
        OrderRequest request = OrderRequestParser.parse(body, chargedIn.wire(), json, maxItems);
        OrderPlacement.Placed placed = placement.place(userId, request, chargedIn);
        Response.ResponseBuilder response = Response.ok(reader.detail(placed.order(), shownIn(preferences)));
        if (placed.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("/{order_id}")
    public OrderViews.Detail get(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("order_id") String orderId) {
        String userId = authenticator.userId(authorization);
        ClientPreferences preferences = ClientPreferences.of(language, currency);
        return reader.detail(userId, PathIds.uuid(orderId, "order_id"), shownIn(preferences)).orElseThrow(OrderResource::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("order_not_found", "you have no order with this id");
    }

    private static String shownIn(ClientPreferences preferences) {
        return preferences.language() == null ? Localized.DEFAULT_LANGUAGE : preferences.language();
    }
}
