package cc.marix.reseller.partner;

import java.util.Set;

/** The settings {@code updatePartner} changes; a null field is left as it is. */
public record PartnerUpdate(Boolean active, SignatureScheme signatureScheme, Set<String> productIds) {

    public boolean isEmpty() {
        return active == null && signatureScheme == null && productIds == null;
    }
}
