package cc.marix.reseller.partner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A partner that sends us "order paid" notifications: its URL slug, its signing secrets (the current one last,
 * rotated-out ones before it with their expiry), the products it may order, optionally the API user its orders
 * belong to, whether it may order at all, and how it signs.
 */
public record Partner(String slug, List<SigningSecret> secrets, Set<String> productIds, String userId,
        String createdAt, long version, boolean active, SignatureScheme signatureScheme) {

    /**
     * Most secrets kept after a rotation: the current one and two rotated out, which bounds the MACs one
     * notification costs even when an operator rotates several times within a TTL.
     */
    static final int MAX_SECRETS = 3;

    /** Never print the secrets. */
    @Override
    public String toString() {
        return "Partner[" + slug + ", " + secrets.size() + " secret(s), " + productIds.size() + " product(s), "
                + (active ? "active" : "inactive") + ", " + signatureScheme.wire() + "]";
    }

    public boolean mayOrder(String productId) {
        return productIds.contains(productId);
    }

    /** The secrets a signature may be made with at {@code now}, the current one last. */
    public List<String> liveSecrets(Instant now) {
        return secrets.stream().filter(secret -> secret.liveAt(now)).map(SigningSecret::value).toList();
    }

    /** When the rotated-out secrets still live at {@code now} stop being accepted, oldest first. */
    public List<Instant> previousSecretExpiries(Instant now) {
        return secrets.stream().filter(secret -> secret.expiresAt() != null && secret.liveAt(now))
                .map(SigningSecret::expiresAt).toList();
    }

    /**
     * This partner after making {@code secret} the current one: every other secret stays valid for at most
     * {@code previousTtl} from {@code now} (never longer than it already was; zero revokes them at once), expired
     * ones are dropped, and at most {@link #MAX_SECRETS} remain. Repeating a rotation to the current secret only
     * shortens the others' lives, so "rotate again with TTL 0" revokes the previous secret. Answers this very
     * partner when nothing changes.
     *
     * @throws SecretReusedException when {@code secret} is one of the rotated-out secrets still on the item
     */
    public Partner rotated(String secret, Duration previousTtl, Instant now) {
        boolean alreadyCurrent = !secrets.isEmpty() && secrets.get(secrets.size() - 1).value().equals(secret)
                && secrets.get(secrets.size() - 1).expiresAt() == null;
        if (!alreadyCurrent && secrets.stream().anyMatch(stored -> stored.value().equals(secret))) {
            throw new SecretReusedException();
        }
        Instant deadline = now.plus(previousTtl);
        List<SigningSecret> kept = new ArrayList<>();
        for (SigningSecret stored : secrets) {
            SigningSecret previous = alreadyCurrent && stored.value().equals(secret) ? stored
                    : stored.expiringBy(deadline);
            if (previous.liveAt(now)) {
                kept.add(previous);
            }
        }
        if (!alreadyCurrent) {
            kept.add(SigningSecret.current(secret));
        }
        List<SigningSecret> bounded = List.copyOf(kept.subList(Math.max(0, kept.size() - MAX_SECRETS), kept.size()));
        if (bounded.equals(secrets)) {
            return this;
        }
        return new Partner(slug, bounded, productIds, userId, createdAt, version + 1, active, signatureScheme);
    }
}
