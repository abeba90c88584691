package cc.marix.reseller.stock;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How many codes of a product wait to be delivered and how many went out. */
@RegisterForReflection
public record StockReport(String productId, long available, long delivered) {
}
