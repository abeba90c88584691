package cc.marix.reseller.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A partner as the admin sees it: how many secrets are live and when the rotated-out ones stop being accepted,
 * never the secrets themselves.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerView(String slug, List<String> productIds, String userId, int liveSecrets,
        List<String> previousSecretsExpireAt, boolean active, String signatureScheme, String createdAt,
        long version) {
}
