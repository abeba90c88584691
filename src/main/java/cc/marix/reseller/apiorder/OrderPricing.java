package cc.marix.reseller.apiorder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.catalog.CatalogReader;
import cc.marix.reseller.catalog.NoteRules;
import cc.marix.reseller.catalog.Product;
import cc.marix.reseller.pricing.PriceCurrency;
import cc.marix.reseller.pricing.Prices;
import cc.marix.reseller.pricing.RateStore;

/**
 * Turns the requested items into priced order lines, refusing in this order: an unknown product (404 naming the
 * item), a product twice, a quantity outside the product's {@code orderMinQuantity..orderMaxQuantity} or a note that
 * breaks its rules (422, all at once), a unit price that rounds to 0.00 in the charged currency (422
 * {@code price_too_small}), a {@code totalPrice} that is not the current price x quantity (409 {@code price_changed},
 * with the current prices in {@code ctx}).
 */
@ApplicationScoped
public class OrderPricing {

    private final CatalogReader catalog;
    private final RateStore rates;
    private final ObjectMapper json;

    public OrderPricing(CatalogReader catalog, RateStore rates, ObjectMapper json) {
        this.catalog = catalog;
        this.rates = rates;
        this.json = json;
    }

    public List<OrderLine> lines(OrderRequest request, BalanceCurrency currency) {
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < request.items().size(); i++) {
            String ref = request.items().get(i).itemId();
            int index = i;
            products.add(catalog.product(ref).map(CatalogReader.StockedProduct::product)
                    .orElseThrow(() -> ApiException.notFound("product_not_found",
                            "no product has the id or slug " + ref + " (items[" + index + "].itemId)")));
        }
        checkRules(request, products);
        Prices prices = new Prices(PriceCurrency.fromWire(currency.wire()).orElseThrow(), rates);
        List<OrderLine> lines = new ArrayList<>();
        List<Violation> changed = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            Product product = products.get(i);
            OrderRequest.Item item = request.items().get(i);
            BigDecimal unit = prices.convert(product.price(), PriceCurrency.ofStored(product.currency()));
            if (unit.signum() == 0) {
                throw tooSmall(product, i, currency);
            }
            BigDecimal price = unit.multiply(BigDecimal.valueOf(item.quantity()));
            if (item.totalPrice() != null && item.totalPrice().compareTo(price) != 0) {
                changed.add(new Violation(List.of("body", "items", i, "totalPrice"), "The price is now "
                        + Prices.text(price) + " " + currency.wire(), "price_changed",
                        Map.of("totalPrice", Prices.text(price), "unitPrice", Prices.text(unit),
                                "currency", currency.wire())));
            }
            lines.add(new OrderLine(ProductSnapshot.of(product, json), item.quantity(), item.note(), unit, price,
                    List.of()));
        }
        if (!changed.isEmpty()) {
            throw new ApiException(409, "price_changed", changed.get(0).msg() + "; nothing was ordered", changed,
                    Map.of());
        }
        return lines;
    }

    /** A unit price that rounds to 0.00 in the charged currency would hand out codes for nothing. */
    private static ApiException tooSmall(Product product, int index, BalanceCurrency currency) {
        return ApiException.invalid("price_too_small", new Violation(List.of("body", "items", index, "itemId"),
                "The price of " + product.slug() + " rounds to 0.00 " + currency.wire() + "; order it in "
                        + product.currency(), "price_too_small",
                Map.of("unitPrice", Prices.text(BigDecimal.ZERO), "currency", currency.wire())));
    }

    private static void checkRules(OrderRequest request, List<Product> products) {
        List<Violation> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < products.size(); i++) {
            Product product = products.get(i);
            OrderRequest.Item item = request.items().get(i);
            Integer first = seen.putIfAbsent(product.id(), i);
            if (first != null) {
                problems.add(Violation.of("This product is already items[" + first + "]; order it once with the"
                        + " total quantity", "value_error", "body", "items", i, "itemId"));
            }
            if (item.quantity() < product.orderMinQuantity()) {
                problems.add(new Violation(List.of("body", "items", i, "quantity"), "Input should be greater than or"
                        + " equal to " + product.orderMinQuantity(), "greater_than_equal",
                        Map.of("ge", product.orderMinQuantity())));
            }
            if (item.quantity() > product.orderMaxQuantity()) {
                problems.add(new Violation(List.of("body", "items", i, "quantity"), "Input should be less than or"
                        + " equal to " + product.orderMaxQuantity(), "less_than_equal",
                        Map.of("le", product.orderMaxQuantity())));
            }
            problems.addAll(NoteRules.check(product, item.note(), "body", "items", i, "note"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }
}
