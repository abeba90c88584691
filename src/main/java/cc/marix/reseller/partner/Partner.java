package cc.marix.reseller.partner;

import java.util.List;
import java.util.Set;

/**
 * A partner that sends us "order paid" notifications: its URL slug, its live signing secrets (the newest last; two
 * while a rotation is under way), the products it may order, and optionally the API user its orders belong to.
 */
public record Partner(String slug, List<String> secrets, Set<String> productIds, String userId, String createdAt,
        long version) {

    /** Never print the secrets. */
    @Override
    public String toString() {
        return "Partner[" + slug + ", " + secrets.size() + " live secret(s), " + productIds.size() + " product(s)]";
    }

    public boolean mayOrder(String productId) {
        return productIds.contains(productId);
    }
}
