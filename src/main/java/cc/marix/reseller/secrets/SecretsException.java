package cc.marix.reseller.secrets;

/**
 * A secret that could not be read or lacks a field. The message names the secret and the field, never a value: it
 * may reach a log or a Lambda init error.
 */
public class SecretsException extends RuntimeException {

    public SecretsException(String message) {
        super(message);
    }

    public SecretsException(String message, Throwable cause) {
        super(message, cause);
    }
}
