package cc.marix.reseller.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cc.marix.reseller.local.SecretsExtensionStandIn;
import cc.marix.reseller.testing.TestClock;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/**
 * The secrets client against the extension's stand-in: the token, the TTL on the clock, the failures (each naming
 * the secret and the field, never a value) and the logs (never a value, at any level).
 */
class SecretStoreTest {

    private static final String TOKEN = "unit-session-token";
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final String KEY = "first-key-value-0001";
    private static final String ROTATED = "rotated-key-value-0002";
    private static final String OTHER = "other-field-value-0003";

    private final TestClock clock = new TestClock();
    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getMessage() + " " + List.of(Optional.ofNullable(record.getParameters())
                    .orElse(new Object[0])) + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger secretsLog = Logger.getLogger("cc.marix.reseller.secrets");
    private Level previousLevel;
    private SecretsExtensionStandIn standIn;

    @BeforeEach
    void start() {
        standIn = SecretsExtensionStandIn.start(0, TOKEN);
        standIn.put(SecretsExtensionStandIn.TRIBUTE, Map.of("apiKey", KEY, "other", OTHER));
        previousLevel = secretsLog.getLevel();
        secretsLog.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        secretsLog.addHandler(capture);
    }

    @AfterEach
    void stop() {
        secretsLog.removeHandler(capture);
        secretsLog.setLevel(previousLevel);
        standIn.close();
        for (String line : logLines) {
            for (String value : List.of(KEY, ROTATED, OTHER, TOKEN)) {
                assertFalse(line.contains(value), "a log line holds a secret value: " + line);
            }
        }
    }

    @Test
    void field_shouldBeRead_withTheSessionTokenInItsHeader() {
        assertEquals(KEY, store(TOKEN).field(SecretsExtensionStandIn.TRIBUTE, "apiKey"));
        assertTrue(logLines.stream().anyMatch(line -> line.contains("read")), "the debug line naming the secret");
    }

    @Test
    void field_shouldFailNamingTheSecret_whenTheTokenIsWrong() {
        SecretsException e = assertThrows(SecretsException.class,
                () -> store("not-the-token").field(SecretsExtensionStandIn.TRIBUTE, "apiKey"));
        assertEquals("secret reseller/tribute: the secrets extension answered 401 (missing secret, no permission,"
                + " or a wrong session token)", e.getMessage());
    }

    @Test
    void field_shouldBeReadOncePerTtl_andAgainAfterIt() {
        SecretStore store = store(TOKEN);
        assertEquals(KEY, store.field(SecretsExtensionStandIn.TRIBUTE, "apiKey"));
        standIn.put(SecretsExtensionStandIn.TRIBUTE, Map.of("apiKey", ROTATED));
        clock.advance(TTL.minusSeconds(1));
        assertEquals(KEY, store.field(SecretsExtensionStandIn.TRIBUTE, "apiKey"));
        assertEquals(1, standIn.reads());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(ROTATED, store.field(SecretsExtensionStandIn.TRIBUTE, "apiKey"));
        assertEquals(2, standIn.reads());
    }

    @Test
    void field_shouldKeepTheLastValue_whenARefreshFails_andTryAgainLater() {
        SecretStore store = store(TOKEN);
        assertEquals(KEY, store.field(SecretsExtensionStandIn.TRIBUTE, "apiKey"));
        standIn.remove(SecretsExtensionStandIn.TRIBUTE);
        clock.advance(TTL);
        assertEquals(KEY, store.field(SecretsExtensionStandIn.TRIBUTE, "apiKey"));
        assertTrue(logLines.stream().anyMatch(line -> line.contains("its last value serves")), logLines.toString());

        standIn.put(SecretsExtensionStandIn.TRIBUTE, Map.of("apiKey", ROTATED));
        clock.advance(SecretStore.RETRY_AFTER_FAILURE.minusSeconds(1));
        assertEquals(KEY, store.field(SecretsExtensionStandIn.TRIBUTE, "apiKey"), "no attempt before the wait");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(ROTATED, store.field(SecretsExtensionStandIn.TRIBUTE, "apiKey"));
    }

    @Test
    void field_shouldFailNamingTheSecret_whenItIsMissing() {
        SecretsException e = assertThrows(SecretsException.class,
                () -> store(TOKEN).field("reseller/nothing", "apiKey"));
        assertTrue(e.getMessage().startsWith("secret reseller/nothing: the secrets extension answered 400"),
                e.getMessage());
    }

    @Test
    void field_shouldFailNamingSecretAndField_withoutAnyValue_whenTheFieldIsMissing() {
        SecretsException e = assertThrows(SecretsException.class,
                () -> store(TOKEN).field(SecretsExtensionStandIn.TRIBUTE, "secret"));
        assertEquals("secret reseller/tribute: no field secret", e.getMessage());
    }

    @Test
    void field_shouldFailNamingTheSecret_whenTheExtensionCannotBeReached() {
        SecretStore store = new SecretStore(new SecretsExtensionClient(freePort(), TOKEN, Duration.ofSeconds(1)),
                clock, TTL);
        SecretsException e = assertThrows(SecretsException.class,
                () -> store.field(SecretsExtensionStandIn.TRIBUTE, "apiKey"));
        assertTrue(e.getMessage().startsWith("secret reseller/tribute: the secrets extension on localhost:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    }

    @Test
    void startup_shouldFail_whenANamedProviderSecretLacksAField() {
        standIn.put(SecretsExtensionStandIn.MERCHANT, Map.of("apiKey", KEY));
        ProviderCredentials credentials = new ProviderCredentials(store(TOKEN),
                config(Optional.of(SecretsExtensionStandIn.TRIBUTE), Optional.of(SecretsExtensionStandIn.MERCHANT)));
        SecretsException e = assertThrows(SecretsException.class, () -> credentials.readAtStartup(null));
        assertEquals("secret reseller/merchant: no field secret", e.getMessage());
    }

    @Test
    void startup_shouldReadNothing_forProvidersWithoutASecret() {
        ProviderCredentials credentials = new ProviderCredentials(store(TOKEN),
                config(Optional.of(SecretsExtensionStandIn.TRIBUTE), Optional.empty()));
        credentials.readAtStartup(null);
        assertEquals(Optional.of(KEY), credentials.tributeApiKey());
        assertEquals(Optional.empty(), credentials.merchant());
        assertEquals(Optional.empty(), credentials.exchangerApiKey());
        assertEquals(1, standIn.reads());
    }

    @Test
    void merchantCredentials_shouldNotPrintTheirValues() {
        assertEquals("Merchant[apiKey=***, secret=***]", new ProviderCredentials.Merchant(KEY, OTHER).toString());
    }

    @Test
    void smtpConfigSource_shouldMapTheSecretOntoTheMailerKeys() {
        standIn.put(SecretsExtensionStandIn.SMTP, Map.of("username", KEY, "password", OTHER));
        var sources = new SmtpSecretConfigSourceFactory().getConfigSources(context(Map.of(
                "app.secrets.smtp", SecretsExtensionStandIn.SMTP, "app.secrets.port", Integer.toString(standIn.port()),
                "app.secrets.session-token", TOKEN)));
        var source = sources.iterator().next();
        assertEquals(KEY, source.getValue("quarkus.mailer.username"));
        assertEquals(OTHER, source.getValue("quarkus.mailer.password"));
        assertEquals(SmtpSecretConfigSourceFactory.ORDINAL, source.getOrdinal());
    }

    @Test
    void smtpConfigSource_shouldAddNothing_withoutASecretName() {
        assertFalse(new SmtpSecretConfigSourceFactory().getConfigSources(context(Map.of())).iterator().hasNext());
        assertEquals(0, standIn.reads());
    }

    @Test
    void smtpConfigSource_shouldFailStartup_namingSecretAndField_whenAFieldIsMissing() {
        standIn.put(SecretsExtensionStandIn.SMTP, Map.of("username", KEY));
        SecretsException e = assertThrows(SecretsException.class, () -> new SmtpSecretConfigSourceFactory()
                .getConfigSources(context(Map.of("app.secrets.smtp", SecretsExtensionStandIn.SMTP,
                        "app.secrets.port", Integer.toString(standIn.port()), "app.secrets.session-token", TOKEN))));
        assertEquals("secret reseller/ses-smtp: no field password", e.getMessage());
    }

    private SecretStore store(String token) {
        return new SecretStore(new SecretsExtensionClient(standIn.port(), token, Duration.ofSeconds(2)), clock, TTL);
    }

    private static SecretsConfig config(Optional<String> tribute, Optional<String> merchant) {
        return new SecretsConfig() {
            @Override
            public int port() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<String> sessionToken() {
                return Optional.empty();
            }

            @Override
            public Duration ttl() {
                return TTL;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Optional<String> tribute() {
                return tribute;
            }

            @Override
            public Optional<String> exchanger() {
                return Optional.empty();
            }

            @Override
            public Optional<String> merchant() {
                return merchant;
            }

            @Override
            public Optional<String> smtp() {
                return Optional.empty();
            }
        };
    }

    private static ConfigSourceContext context(Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return values.containsKey(name) ? ConfigValue.builder().withName(name).withValue(values.get(name))
                        .build() : null;
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
