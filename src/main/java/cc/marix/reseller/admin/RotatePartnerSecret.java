package cc.marix.reseller.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.partner.PartnerDirectory;
import cc.marix.reseller.partner.PartnerStore;
import cc.marix.reseller.partner.SecretReusedException;

/**
 * {@code rotatePartnerSecret {slug, secret, previousSecretTtlSeconds?}}: makes the secret the current one; the
 * secrets it replaces stay valid for the TTL (default a day, 0 revokes them at once, at most 30 days, and never
 * longer than they already had). Warm webhook functions see the change within {@code app.partner.cache-ttl}.
 */
@ApplicationScoped
public class RotatePartnerSecret implements AdminAction {

    static final long DEFAULT_PREVIOUS_TTL_SECONDS = Duration.ofDays(1).toSeconds();
    /** Long enough for any partner's change window; a secret meant to live longer should not be "previous". */
    static final long MAX_PREVIOUS_TTL_SECONDS = Duration.ofDays(30).toSeconds();

    private final PartnerStore partners;
    private final PartnerDirectory directory;
    private final Clock clock;

    public RotatePartnerSecret(PartnerStore partners, PartnerDirectory directory, Clock clock) {
        this.partners = partners;
        this.directory = directory;
        this.clock = clock;
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
        Integer ttl = fields.integer(event, "previousSecretTtlSeconds", false, 0, MAX_PREVIOUS_TTL_SECONDS);
        fields.check();
        Instant now = clock.instant();
        Duration previousTtl = Duration.ofSeconds(ttl == null ? DEFAULT_PREVIOUS_TTL_SECONDS : ttl);
        try {
            return partners.rotateSecret(slug, secret, previousTtl, now)
                    .map(partner -> {
                        directory.forget(slug);
                        return CreatePartner.view(partner, now);
                    })
                    .orElseThrow(() -> ApiException.notFound("unknown_partner", "no partner " + slug));
        } catch (SecretReusedException reused) {
            throw ApiException.invalid("validation_error",
                    Violation.of(reused.getMessage(), "secret_reused", "secret"));
        }
    }
}
