package cc.marix.reseller.apiorder;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's order answers. Money is a string with 2 decimals in the order's own {@code currency}. */
public final class OrderViews {

    private OrderViews() {
    }

    /** One row of {@code GET /api/orders/}. */
    @RegisterForReflection
    public record Summary(String id, String idempotencyKey, String price, String currency, boolean isMock,
            String status, String cancelReason, String createdAt, String paymentExpiresAt) {
    }

    @RegisterForReflection
    public record Page(List<Summary> items, int limit, int offset, int total) {
    }

    /** {@code GET /api/orders/{order_id}} and the answer to {@code POST /api/orders/}; {@code events} is ours. */
    @RegisterForReflection
    public record Detail(String id, String idempotencyKey, String price, String currency, boolean isMock,
            String status, String cancelReason, String createdAt, List<Item> items, String referralUserId,
            String paymentExpiresAt, List<Event> events) {
    }

    /** One item: what was bought and, once the order is completed, the goods in {@code externalData}. */
    @RegisterForReflection
    public record Item(Product product, int quantity, List<String> externalData, String error) {
    }

    @RegisterForReflection
    public record Product(String id, String name, String userGuide, JsonNode attributes, boolean isService,
            String categoryId) {
    }

    @RegisterForReflection
    public record Event(String at, String type, String status, String detail) {
    }
}
