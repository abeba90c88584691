package cc.marix.reseller.admin;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.partner.PartnerDirectory;
import cc.marix.reseller.partner.PartnerStore;

/** {@code rotatePartnerSecret {slug, secret}}: adds the secret and keeps the newest two live. */
@ApplicationScoped
public class RotatePartnerSecret implements AdminAction {

    private final PartnerStore partners;
    private final PartnerDirectory directory;

    public RotatePartnerSecret(PartnerStore partners, PartnerDirectory directory) {
        this.partners = partners;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "rotatePartnerSecret";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String slug = fields.matching(event, "slug", true, AdminInput.SLUG, "a lowercase slug (a-z, 0-9, -)");
        String secret = fields.text(event, "secret", true, AdminInput.MAX_SECRET);
        if (secret != null) {
            SecretRules.check(secret, fields, "secret");
        }
        fields.check();
        return partners.rotateSecret(slug, secret)
                .map(partner -> {
                    directory.forget(slug);
                    return CreatePartner.view(partner);
                })
                .orElseThrow(() -> ApiException.notFound("unknown_partner", "no partner " + slug));
    }
}
