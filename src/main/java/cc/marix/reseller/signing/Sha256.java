package cc.marix.reseller.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 fingerprints: of request bodies (idempotency), of API keys and of code values (stored instead of them). */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();
    /** One digest per thread, reset by each digest(): looking the algorithm up cost as much as a small body's hash. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(DIGEST.get().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
