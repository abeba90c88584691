package cc.marix.reseller.secrets;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/**
 * The payment providers' credentials, from the secrets {@link SecretsConfig} names. Each named secret is read at
 * start-up, so a function whose secret is missing, lacks a field or cannot be read fails its init with a message
 * naming the secret and the field; afterwards {@link SecretStore} keeps them fresh. A provider whose secret is not
 * named is not connected (empty).
 */
@ApplicationScoped
public class ProviderCredentials {

    static final String API_KEY = "apiKey";
    static final String SECRET = "secret";

    /** Our merchant gateway credentials: the key names us, the secret signs our requests and its callbacks. */
    public record Merchant(String apiKey, String secret) {

        @Override
        public String toString() {
            return "Merchant[apiKey=***, secret=***]";
        }
    }

    private final SecretStore store;
    private final SecretsConfig config;

    public ProviderCredentials(SecretStore store, SecretsConfig config) {
        this.store = store;
        this.config = config;
    }

    void readAtStartup(@Observes StartupEvent started) {
        tributeApiKey();
        exchangerApiKey();
        merchant();
    }

    /** Our Tribute API key, which also keys Tribute's webhook signature. */
    public Optional<String> tributeApiKey() {
        return config.tribute().map(secret -> store.field(secret, API_KEY));
    }

    /** Our exchanger API key, sent as {@code x-api-key}. */
    public Optional<String> exchangerApiKey() {
        return config.exchanger().map(secret -> store.field(secret, API_KEY));
    }

    public Optional<Merchant> merchant() {
        return config.merchant().map(secret -> new Merchant(store.field(secret, API_KEY), store.field(secret, SECRET)));
    }
}
