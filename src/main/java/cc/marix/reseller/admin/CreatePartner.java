package cc.marix.reseller.admin;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.account.UserStore;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.catalog.CatalogStore;
import cc.marix.reseller.partner.Partner;
import cc.marix.reseller.partner.PartnerDirectory;
import cc.marix.reseller.partner.PartnerStore;
import cc.marix.reseller.support.Ids;


/**
 * {@code createPartner {slug, secrets: [..], productIds: [..], userId?}}: the partner, without its secrets. A
 * {@code userId} links the partner to an API user, whose order list then shows the partner's orders.
 */
@ApplicationScoped
public class CreatePartner implements AdminAction {

    private final PartnerStore partners;
    private final PartnerDirectory directory;
    private final CatalogStore catalog;
    private final UserStore users;
    private final Clock clock;

    public CreatePartner(PartnerStore partners, PartnerDirectory directory, CatalogStore catalog, UserStore users,
            Clock clock) {
        this.users = users;
        this.partners = partners;
        this.directory = directory;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "createPartner";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String slug = fields.matching(event, "slug", true, AdminInput.SLUG, "a lowercase slug (a-z, 0-9, -)");
        List<String> secrets = fields.strings(event, "secrets", 2);
        if (event.get("secrets") == null) {
            fields.missing("secrets");
        } else if (secrets.isEmpty()) {
            fields.add(Violation.of("List should have at least 1 item", "too_short", "secrets"));
        }
        for (int i = 0; i < secrets.size(); i++) {
            SecretRules.check(secrets.get(i), fields, "secrets", i);
        }
        List<String> productIds = fields.strings(event, "productIds", 1000);
        String userId = fields.text(event, "userId", false, 64);
        fields.check();
        for (int i = 0; i < productIds.size(); i++) {
            if (!Ids.isUuid(productIds.get(i)) || catalog.findProduct(productIds.get(i)).isEmpty()) {
                fields.add(Violation.of("Unknown product", "unknown_product", "productIds", i));
            }
        }
        if (userId != null && (!Ids.isUuid(userId) || users.find(userId).isEmpty())) {
            fields.add(Violation.of("Unknown API user", "unknown_user", "userId"));
        }
        fields.check();
        Partner partner = new Partner(slug, List.copyOf(secrets), new LinkedHashSet<>(productIds), userId,
                clock.instant().toString(), 1);
        if (!partners.create(partner)) {
            throw new ApiException(409, "partner_exists", "a partner with slug " + slug + " exists");
        }
        directory.forget(slug);
        return view(partner);
    }

    static PartnerView view(Partner partner) {
        return new PartnerView(partner.slug(), List.copyOf(partner.productIds()), partner.userId(),
                partner.secrets().size(), partner.createdAt(), partner.version());
    }
}
