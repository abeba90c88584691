package cc.marix.reseller.partner;

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
        return item;
    }

    static AttributeValue secrets(List<String> secrets) {
        return Attrs.list(secrets.stream().map(Attrs::s).toList());
    }

    static Partner fromItem(Map<String, AttributeValue> item) {
        return new Partner(
                Attrs.str(item, SLUG),
                Attrs.listValue(item, SECRETS).stream().map(AttributeValue::s).toList(),
                new LinkedHashSet<>(Attrs.strings(item, PRODUCT_IDS)),
                Attrs.str(item, USER_ID),
                Attrs.str(item, CREATED_AT),
                Attrs.longValue(item, VERSION, 0));
    }

    static boolean isPartner(Map<String, AttributeValue> item) {
        return item != null && !item.isEmpty() && SK.equals(Attrs.str(item, TableSchema.SK));
    }
}
