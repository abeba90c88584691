package cc.marix.reseller.apiorder;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated {@code POST /api/orders/} body, with the fingerprint that tells a replay from a reuse of its
 * idempotencyKey (the parsed request and the currency it is charged in).
 */
public record OrderRequest(List<Item> items, String idempotencyKey, boolean isMock, String fingerprint) {

    /** One requested item: a product id or slug, how many, the note, and the price the buyer expects (optional). */
    public record Item(String itemId, int quantity, JsonNode note, BigDecimal totalPrice) {

        @Override
        public String toString() {
            return "Item[" + itemId + " x" + quantity + "]";
        }
    }
}
