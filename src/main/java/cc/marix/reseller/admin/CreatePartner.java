package cc.marix.reseller.admin;

import java.time.Clock;
import java.time.Instant;
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
import cc.marix.reseller.partner.SignatureScheme;
import cc.marix.reseller.partner.SigningSecret;
import cc.marix.reseller.support.Ids;

/**
 * {@code createPartner {slug, secrets: [..], productIds: [..], userId?, active?, signatureScheme?}}: the partner,
 * without its secrets. A {@code userId} links the partner to an API user, whose order list then shows the partner's
 * orders. A partner is active and signs the body (the seed's scheme) unless told otherwise.
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
        List<String> productIds = fields.strings(event, "productIds", PartnerSettings.MAX_PRODUCTS);
        String userId = fields.text(event, "userId", false, 64);
        Boolean active = fields.bool(event, "active");
        SignatureScheme scheme = PartnerSettings.scheme(event, fields);
        fields.check();
        PartnerSettings.checkProducts(productIds, catalog, fields);
        if (userId != null && (!Ids.isUuid(userId) || users.find(userId).isEmpty())) {
            fields.add(Violation.of("Unknown API user", "unknown_user", "userId"));
        }
        fields.check();
        Instant now = clock.instant();
        Partner partner = new Partner(slug, secrets.stream().map(SigningSecret::current).toList(),
                new LinkedHashSet<>(productIds), userId, now.toString(), 1, active == null || active,
                scheme == null ? SignatureScheme.BODY : scheme);
        if (!partners.create(partner)) {
            throw new ApiException(409, "partner_exists", "a partner with slug " + slug + " exists");
        }
        directory.forget(slug);
        return view(partner, now);
    }

    static PartnerView view(Partner partner, Instant now) {
        List<String> expiries = partner.previousSecretExpiries(now).stream().map(Instant::toString).toList();
        return new PartnerView(partner.slug(), List.copyOf(partner.productIds()), partner.userId(),
                partner.liveSecrets(now).size(), expiries.isEmpty() ? null : expiries, partner.active(),
                partner.signatureScheme().wire(), partner.createdAt(), partner.version());
    }
}
