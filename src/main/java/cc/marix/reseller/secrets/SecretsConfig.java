package cc.marix.reseller.secrets;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where secrets come from. The environment only names secrets (…_SECRET_NAME); their values are read from the AWS
 * Parameters and Secrets Lambda Extension, in AWS the layer template.yaml adds, locally and in tests a stand-in with
 * the demo values. A secret that is not named is not connected: its provider answers 503 and its callbacks 401.
 */
@ConfigMapping(prefix = "app.secrets")
public interface SecretsConfig {

    /** The extension's port on localhost (env PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, the extension's own). */
    @WithDefault("2773")
    int port();

    /**
     * The function's session token (env AWS_SESSION_TOKEN, set by Lambda), which the extension requires in
     * X-Aws-Parameters-Secrets-Token.
     */
    Optional<String> sessionToken();

    /** How long a read secret is used before it is read again, so a rotated value reaches warm containers. */
    @WithDefault("5m")
    Duration ttl();

    /** The longest wait for the extension, per read. */
    @WithDefault("2s")
    Duration timeout();

    /** Tribute's secret, JSON {"apiKey": ...} (env TRIBUTE_SECRET_NAME). */
    Optional<String> tribute();

    /** The exchanger's secret, JSON {"apiKey": ...} (env EXCHANGER_SECRET_NAME). */
    Optional<String> exchanger();

    /** The merchant gateway's secret, JSON {"apiKey": ..., "secret": ...} (env MERCHANT_SECRET_NAME). */
    Optional<String> merchant();

    /**
     * Amazon SES SMTP credentials, JSON {"username": ..., "password": ...} (env SMTP_SECRET_NAME); read once at
     * start-up by {@link SmtpSecretConfigSourceFactory}, which maps them onto quarkus.mailer.username/password.
     */
    Optional<String> smtp();
}
