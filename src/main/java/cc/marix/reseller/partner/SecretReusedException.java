package cc.marix.reseller.partner;

/** A rotation named a secret this partner used before: a rotated-out secret may have leaked, it never comes back. */
public class SecretReusedException extends RuntimeException {

    public SecretReusedException() {
        super("this secret was used by the partner before; rotate to a new one");
    }
}
