package cc.marix.reseller.admin;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.catalog.CatalogStore;
import cc.marix.reseller.partner.PartnerDirectory;
import cc.marix.reseller.partner.PartnerStore;
import cc.marix.reseller.partner.PartnerUpdate;
import cc.marix.reseller.partner.SignatureScheme;

/**
 * {@code updatePartner {slug, active?, signatureScheme?, productIds?}}: changes what is given, leaves the rest. An
 * inactive partner's signed notifications are refused with 403; {@code productIds} replaces the whole list. Warm
 * webhook functions see the change within {@code app.partner.cache-ttl}.
 */
@ApplicationScoped
public class UpdatePartner implements AdminAction {

    private final PartnerStore partners;
    private final PartnerDirectory directory;
    private final CatalogStore catalog;
    private final Clock clock;

    public UpdatePartner(PartnerStore partners, PartnerDirectory directory, CatalogStore catalog, Clock clock) {
        this.partners = partners;
        this.directory = directory;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "updatePartner";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String slug = fields.matching(event, "slug", true, AdminInput.SLUG, "a lowercase slug (a-z, 0-9, -)");
        Boolean active = fields.bool(event, "active");
        SignatureScheme scheme = PartnerSettings.scheme(event, fields);
        boolean productsGiven = event.hasNonNull("productIds");
        List<String> productIds = fields.strings(event, "productIds", PartnerSettings.MAX_PRODUCTS);
        fields.check();
        PartnerSettings.checkProducts(productIds, catalog, fields);
        PartnerUpdate update = new PartnerUpdate(active, scheme,
                productsGiven ? new LinkedHashSet<>(productIds) : null);
        if (update.isEmpty()) {
            fields.add(Violation.of("Give at least one of active, signatureScheme, productIds", "missing",
                    "active"));
        }
        fields.check();
        return partners.update(slug, update)
                .map(partner -> {
                    directory.forget(slug);
                    return CreatePartner.view(partner, clock.instant());
                })
                .orElseThrow(() -> ApiException.notFound("unknown_partner", "no partner " + slug));
    }
}
