package cc.marix.reseller.checkout;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import cc.marix.reseller.account.Authenticator;
import cc.marix.reseller.api.ClientPreferences;
import cc.marix.reseller.api.PathIds;

/**
 * {@code POST /api/orders/{order_id}/pay} (order-pay): opens, or returns the still-live, provider payment of a
 * {@code pending_payment} order. Someone else's order is 404, as an unknown one; any other status is 409
 * {@code order_not_payable}.
 */
@Path("/api/orders/{order_id}/pay")
@Produces(MediaType.APPLICATION_JSON)
public class OrderPayResource {

    private final Authenticator authenticator;
    private final OrderCheckout checkout;

    public OrderPayResource(Authenticator authenticator, OrderCheckout checkout) {
        this.authenticator = authenticator;
        this.checkout = checkout;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public TopupViews.Checkout pay(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("order_id") String orderId) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return TopupViews.checkout(checkout.pay(userId, PathIds.uuid(orderId, "order_id")));
    }
}
