package cc.marix.reseller.testing;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Orders.Buyer;
import io.restassured.response.Response;

/**
 * Where every order-payment test starts: a product of two codes, a buyer without money, and the buyer's order of
 * one code, {@code pending_payment} (the balance is short), with the providers' WireMock reset and the baseline rate
 * set.
 */
public record OrderToPay(Stocked stocked, Buyer buyer, String orderId) {

    public static OrderToPay create() {
        TestStack.useHttpFront();
        Catalogs.baselineRate();
        ProvidersResource.server().resetAll();
        Stocked stocked = Fixtures.product(2);
        Buyer buyer = Orders.buyer(null);
        JsonNode order = Json.parse(Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then()
                .statusCode(200).extract().asString());
        if (!"pending_payment".equals(order.path("status").asText())) {
            throw new IllegalStateException("the order is not waiting for a payment: " + order);
        }
        return new OrderToPay(stocked, buyer, order.path("id").asText());
    }

    /** {@code POST /api/orders/{id}/pay} as the buyer. */
    public Response pay() {
        return Orders.as(buyer).post("/api/orders/" + orderId + "/pay");
    }

    /** The order as the buyer reads it now. */
    public JsonNode order() {
        return Json.parse(Orders.as(buyer).get("/api/orders/" + orderId).then().statusCode(200).extract().asString());
    }
}
