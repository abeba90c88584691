package cc.marix.reseller.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the functions, read from application.properties and the function's environment. */
@ConfigMapping(prefix = "app")
public interface AppConfig {

    /**
     * The deployed function this process is (env APP_FUNCTION). A function answers only its own routes and
     * events; {@code all} serves every HTTP route and is meant for local runs and tests only.
     */
    @WithDefault("all")
    String function();

    /** The single DynamoDB table. */
    Table table();

    /** Partner notifications. */
    Partner partner();

    interface Table {
        /** Table name (env TABLE_NAME; in AWS the template's !Ref). */
        String name();

        /** Create the table at start-up when it is missing: local runs and tests only, never in AWS. */
        @WithDefault("false")
        boolean create();
    }

    interface Partner {
        /** How long a partner's secrets and whitelist are cached in a warm function before they are read again. */
        @WithDefault("60s")
        Duration cacheTtl();

        /** Largest notification body accepted; a larger one is answered 413 before anything is read. */
        @WithDefault("262144")
        int maxBodyBytes();

        /** Largest qty of one notification: the codes, the order and its keys must fit one transaction. */
        @WithDefault("96")
        int maxQty();

        /** How long an X-Event-Id is remembered (the external order id is remembered for ever). */
        @WithDefault("P30D")
        Duration eventIdRetention();

        /** Attempts to claim codes when concurrent orders race for the same ones, before answering 503. */
        @WithDefault("25")
        int claimAttempts();
    }
}
