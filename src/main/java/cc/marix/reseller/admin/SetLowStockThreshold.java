package cc.marix.reseller.admin;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.stock.StockThresholds;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code setLowStockThreshold {productId, threshold}}: the product's stock is low (metric {@code LowStock}, alarm
 * {@code LowStockAlarm}) while fewer than {@code threshold} codes are available; 0 turns the alarm off for it. A
 * product without one uses {@code app.stock.default-low-threshold} (10). One conditional transaction: the product must
 * exist (404 {@code unknown_product}). The stock watch (order-expiry's every-minute run) looks at the product next.
 */
@ApplicationScoped
public class SetLowStockThreshold implements AdminAction {

    static final int MAX_THRESHOLD = 1_000_000;

    @RegisterForReflection
    public record Answer(String productId, int threshold, String updatedAt) {
    }

    private final StockThresholds thresholds;

    public SetLowStockThreshold(StockThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return "setLowStockThreshold";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String productId = fields.text(event, "productId", true, 64);
        Integer threshold = fields.integer(event, "threshold", true, 0, MAX_THRESHOLD);
        fields.check();
        String updatedAt = thresholds.set(productId, threshold);
        if (updatedAt == null) {
            throw ApiException.notFound("unknown_product", "no product " + productId);
        }
        return new Answer(productId, threshold, updatedAt);
    }
}
