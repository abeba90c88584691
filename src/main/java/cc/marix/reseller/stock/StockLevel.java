package cc.marix.reseller.stock;

/** A product's available codes and the threshold below which its stock is low. */
public record StockLevel(String productId, long available, int threshold) {

    public boolean low() {
        return available < threshold;
    }
}
