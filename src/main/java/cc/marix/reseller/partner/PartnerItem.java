package cc.marix.reseller.partner;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps a {@link Partner} to and from its item: {@code PARTNER#<slug> / PARTNER}. */
final class PartnerItem {

    static final String SK = "PARTNER";
    static final String SLUG = "slug";
    static final String SECRETS = "secrets";
    static final String PRODUCT_IDS = "productIds";
    static final String USER_ID = "userId";
    static final String CREATED_AT = "createdAt";
    static final String VERSION = "version";
    static final String ACTIVE = "active";
    static final String SIGNATURE_SCHEME = "signatureScheme";
    /** In each entry of {@link #SECRETS}: the secret, and when a rotated-out one stops being accepted. */
    static final String SECRET_VALUE = "value";
    static final String SECRET_EXPIRES_AT = "expiresAt";

    private PartnerItem() {
    }

    static String pk(String slug) {
        return "PARTNER#" + slug;
    }

    static Map<String, AttributeValue> key(String slug) {
        return Attrs.key(pk(slug), SK);
    }

    static Map<String, AttributeValue> toItem(Partner partner) {
        Map<String, AttributeValue> item = new HashMap<>(key(partner.slug()));
        item.put(SLUG, Attrs.s(partner.slug()));
        item.put(SECRETS, secrets(partner.secrets()));
        // DynamoDB refuses empty sets: a partner with no products simply has no attribute.
        if (!partner.productIds().isEmpty()) {
            item.put(PRODUCT_IDS, Attrs.ss(partner.productIds()));
        }
        if (partner.userId() != null) {
            item.put(USER_ID, Attrs.s(partner.userId()));
        }
        item.put(CREATED_AT, Attrs.s(partner.createdAt()));
        item.put(VERSION, Attrs.n(partner.version()));
        item.put(ACTIVE, Attrs.bool(partner.active()));
        item.put(SIGNATURE_SCHEME, Attrs.s(partner.signatureScheme().wire()));
        return item;
    }

    static AttributeValue secrets(List<SigningSecret> secrets) {
        return Attrs.list(secrets.stream().map(PartnerItem::secret).toList());
    }

    private static AttributeValue secret(SigningSecret secret) {
        Map<String, AttributeValue> entry = new HashMap<>();
        entry.put(SECRET_VALUE, Attrs.s(secret.value()));
        if (secret.expiresAt() != null) {
            entry.put(SECRET_EXPIRES_AT, Attrs.s(secret.expiresAt().toString()));
        }
        return Attrs.map(entry);
    }

    /** Items written before secrets could expire hold plain strings: those never expire. */
    private static SigningSecret secret(AttributeValue stored) {
        if (stored.s() != null) {
            return SigningSecret.current(stored.s());
        }
        Map<String, AttributeValue> entry = stored.m();
        String expiresAt = Attrs.str(entry, SECRET_EXPIRES_AT);
        return new SigningSecret(Attrs.str(entry, SECRET_VALUE), expiresAt == null ? null : Instant.parse(expiresAt));
    }

    static Partner fromItem(Map<String, AttributeValue> item) {
        return new Partner(
                Attrs.str(item, SLUG),
                Attrs.listValue(item, SECRETS).stream().map(PartnerItem::secret).toList(),
                new LinkedHashSet<>(Attrs.strings(item, PRODUCT_IDS)),
                Attrs.str(item, USER_ID),
                Attrs.str(item, CREATED_AT),
                Attrs.longValue(item, VERSION, 0),
                // partners created before these settings existed are active and sign the body
                !item.containsKey(ACTIVE) || Attrs.boolValue(item, ACTIVE),
                SignatureScheme.fromWire(Attrs.str(item, SIGNATURE_SCHEME)).orElse(SignatureScheme.BODY));
    }

    static boolean isPartner(Map<String, AttributeValue> item) {
        return item != null && !item.isEmpty() && SK.equals(Attrs.str(item, TableSchema.SK));
    }
}
