package cc.marix.reseller.secrets;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Puts the SMTP secret's {@code username} and {@code password} into quarkus.mailer.username/password at start-up.
 * quarkus-mailer takes its credentials only from config, when it builds its client, so a config source is the one
 * place they can come from without an environment variable; a runtime {@link ConfigSourceFactory} (registered in
 * META-INF/services, which Quarkus supports in native images too) runs before the mailer is built and can read the
 * secret's name and the extension's settings from the config already assembled. Read once per container: the mailer
 * never re-reads its config, so rotating the SMTP secret reaches new containers (SES keeps both credentials valid
 * until the old IAM key is deleted). Without app.secrets.smtp it adds nothing (local SMTP without auth).
 */
public class SmtpSecretConfigSourceFactory implements ConfigSourceFactory {

    static final String NAME = "smtp-secret";
    /** Above application.properties (250), so its empty defaults cannot hide the secret. */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String secretId = value(context, "app.secrets.smtp", "");
        if (secretId.isBlank()) {
            return List.of();
        }
        SecretsExtensionClient extension = new SecretsExtensionClient(
                Integer.parseInt(value(context, "app.secrets.port", "2773")),
                value(context, "app.secrets.session-token", ""),
                DurationConverter.parseDuration(value(context, "app.secrets.timeout", "2s")));
        Map<String, String> fields = extension.fields(secretId);
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.mailer.username", required(fields, secretId, "username"),
                "quarkus.mailer.password", required(fields, secretId, "password")), NAME, ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }

    private static String required(Map<String, String> fields, String secretId, String field) {
        String value = fields.get(field);
        if (value == null || value.isBlank()) {
            throw new SecretsException("secret " + secretId + ": no field " + field);
        }
        return value;
    }
}
