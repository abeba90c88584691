package cc.marix.reseller.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the primitive under every signature in the system. */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    /** One instance per thread, keyed afresh by each init(): looking the algorithm up cost as much as the MAC. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(HmacSha256::newMac);

    private HmacSha256() {
    }

    public static byte[] mac(byte[] key, byte[] message) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (InvalidKeyException e) {
            // any byte array is a valid HMAC key
            throw new IllegalStateException("HmacSHA256 refused a key", e);
        }
        return mac.doFinal(message);
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            // HmacSHA256 is mandatory in every JRE
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Lowercase hex HMAC-SHA256 of the message, keyed with the UTF-8 bytes of the secret. */
    public static String hex(String secret, byte[] message) {
        return HEX.formatHex(mac(secret.getBytes(StandardCharsets.UTF_8), message));
    }
}
