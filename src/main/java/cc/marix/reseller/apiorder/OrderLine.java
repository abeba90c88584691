package cc.marix.reseller.apiorder;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.stock.StockCode;

/**
 * One item of an order: the product as it was, how many, the buyer's note, the unit price and the line's price in the
 * order's currency, and the codes held for it (none until the order is paid).
 */
public record OrderLine(ProductSnapshot product, int quantity, JsonNode note, BigDecimal unitPrice, BigDecimal price,
        List<StockCode> codes) {

    public OrderLine withCodes(List<StockCode> held) {
        return new OrderLine(product, quantity, note, unitPrice, price, held);
    }

    @Override
    public String toString() {
        // codes are money, and the note may hold the buyer's personal data
        return "OrderLine[" + product.id() + " x" + quantity + ", " + codes.size() + " code(s)]";
    }
}
