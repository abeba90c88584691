package cc.marix.reseller.admin;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.catalog.CatalogStore;
import cc.marix.reseller.stock.CodeStore;

/** {@code stockReport {productId}}: how many codes are available and how many were delivered. */
@ApplicationScoped
public class StockReportAction implements AdminAction {

    private final CodeStore codes;
    private final CatalogStore catalog;

    public StockReportAction(CodeStore codes, CatalogStore catalog) {
        this.codes = codes;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "stockReport";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String productId = fields.text(event, "productId", true, 64);
        fields.check();
        if (catalog.findProduct(productId).isEmpty()) {
            throw ApiException.notFound("unknown_product", "no product " + productId);
        }
        return codes.report(productId);
    }
}
