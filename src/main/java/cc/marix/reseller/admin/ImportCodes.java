package cc.marix.reseller.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.catalog.CatalogStore;
import cc.marix.reseller.stock.CodeStore;
import cc.marix.reseller.stock.CodeType;
import cc.marix.reseller.stock.StockCode;
import cc.marix.reseller.stock.StockLevel;

/** {@code importCodes {productId, codes: [{type, value}]}} -> {@code {imported, duplicates}}. */
@ApplicationScoped
public class ImportCodes implements AdminAction {

    static final int MAX_CODES = 10_000;
    /**
     * UTF-8 bytes of one value. An order of the largest qty holds its codes in the order item and twice in each
     * stored answer (payload and payloads): 96 x 1 KiB x 2 stays well below DynamoDB's 400 KB per item.
     */
    static final int MAX_VALUE_BYTES = 1_024;

    private final CodeStore codes;
    private final CatalogStore catalog;

    public ImportCodes(CodeStore codes, CatalogStore catalog) {
        this.codes = codes;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "importCodes";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String productId = fields.text(event, "productId", true, 64);
        JsonNode list = event.get("codes");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_CODES) {
            fields.add(Violation.of("Input should be a list of 1 to " + MAX_CODES + " codes", "list_type", "codes"));
            fields.check();
        }
        List<StockCode> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode code = list.get(i);
            if (!code.isObject()) {
                fields.add(Violation.of("Input should be an object", "model_type", "codes", i));
                continue;
            }
            String type = fields.text(code, "type", true, 10, "codes", i);
            String value = fields.text(code, "value", true, MAX_VALUE_BYTES, "codes", i);
            if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                fields.add(Violation.of("A value has at most " + MAX_VALUE_BYTES + " bytes in UTF-8", "string_too_long",
                        "codes", i, "value"));
                value = null;
            }
            Optional<CodeType> codeType = type == null ? Optional.empty() : CodeType.fromWire(type);
            if (type != null && codeType.isEmpty()) {
                fields.add(Violation.of("Input should be 'code', 'link' or 'text'", "literal_error", "codes", i,
                        "type"));
            }
            if (codeType.isPresent() && value != null) {
                parsed.add(new StockCode(codes.newCodeId(), codeType.get(), value));
            }
        }
        fields.check();
        if (catalog.findProduct(productId).isEmpty()) {
            throw ApiException.notFound("unknown_product", "no product " + productId);
        }
        CodeStore.ImportResult result = codes.importCodes(productId, parsed);
        // stock levels are metrics (functions.md, "Metrics"); a restock must reach a low-stock alarm at once
        StockLevel.report(productId, codes.report(productId).available());
        return result;
    }
}
