package cc.marix.reseller.admin;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.catalog.CatalogStore;
import cc.marix.reseller.partner.SignatureScheme;
import cc.marix.reseller.support.Ids;

/** The partner settings createPartner and updatePartner share, read and checked the same way by both. */
final class PartnerSettings {

    static final int MAX_PRODUCTS = 1000;

    private PartnerSettings() {
    }

    /** {@code signatureScheme}: "body" or "timestamped"; null when absent or refused (the refusal is in fields). */
    static SignatureScheme scheme(JsonNode event, JsonFields fields) {
        String wire = fields.text(event, "signatureScheme", false, 32);
        if (wire == null) {
            return null;
        }
        return SignatureScheme.fromWire(wire).orElseGet(() -> {
            fields.add(Violation.of("Input should be 'body' or 'timestamped'", "literal_error", "signatureScheme"));
            return null;
        });
    }

    /** Adds a violation for every product id that is not a product of the catalog. */
    static void checkProducts(List<String> productIds, CatalogStore catalog, JsonFields fields) {
        for (int i = 0; i < productIds.size(); i++) {
            if (!Ids.isUuid(productIds.get(i)) || catalog.findProduct(productIds.get(i)).isEmpty()) {
                fields.add(Violation.of("Unknown product", "unknown_product", "productIds", i));
            }
        }
    }
}
