package cc.marix.reseller.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** E-mail delivery and partner callbacks. */
    Delivery delivery();

    /** Orders of the public API. */
    Orders orders();

    /** Top-ups, order payments and the payment providers. */
    Payments payments();

    /** Business metrics (CloudWatch Embedded Metric Format on stdout). */
    Metrics metrics();

    interface Metrics {
        /** CloudWatch namespace of every business metric (env METRICS_NAMESPACE; template.yaml's MetricsNamespace). */
        @WithDefault("Reseller")
        String namespace();
    }

    interface Table {
        /** Table name (env TABLE_NAME; in AWS the template's !Ref). */
        String name();

        /** Create the table at start-up when it is missing: local runs and tests only, never in AWS. */
        @WithDefault("false")
        boolean create();
    }

    interface Partner {
        /**
         * How long a partner's secrets, settings and whitelist are cached in a warm function before they are read
         * again: the longest a deactivation or a revocation made elsewhere takes to reach it. One read per partner
         * and container every few seconds is nothing next to the two round trips of each notification.
         */
        @WithDefault("5s")
        Duration cacheTtl();

        /** Largest notification body accepted; a larger one is answered 413 before anything is read. */
        @WithDefault("262144")
        int maxBodyBytes();

        /**
         * Largest qty of one notification: the codes, the stock counter, the order, its keys and the linked user's
         * order counts must fit one transaction. A partner linked to no user has no counts write, and may order one
         * more.
         */
        @WithDefault("95")
        int maxQty();

        /** How long an X-Event-Id is remembered (the external order id is remembered for ever). */
        @WithDefault("P30D")
        Duration eventIdRetention();

        /** Attempts to claim codes when concurrent orders race for the same ones, before answering 503. */
        @WithDefault("25")
        int claimAttempts();
    }

    interface Delivery {
        /**
         * Lets callbacks go to http on loopback, so a local run can call back to a sink on the same machine. Off by
         * default and in AWS; scripts/run-local.sh turns it on and says so.
         */
        @WithDefault("false")
        boolean allowLoopbackHttp();

        /** What the 202 tells a partner to expect. */
        @WithDefault("30")
        int estimatedDeliverySeconds();

        /**
         * Waits between attempts of one step (e-mail or callback), after the first; the step is parked after the
         * last. Standard Webhooks' schedule: more than three days in all. Each wait gets up to 10 % jitter.
         */
        @WithDefault("5s,5m,30m,2h,5h,10h,14h,20h,24h")
        List<Duration> retrySchedule();

        /** How long one worker holds an order while it sends; another worker may take over after it. */
        @WithDefault("2m")
        Duration lease();

        /** Connecting to a partner's callback URL. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Waiting for a partner's answer to a callback. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** At most this many due deliveries per run of the retry function. */
        @WithDefault("200")
        int batchSize();

        /**
         * How long one run of the retry function starts new deliveries; what is left waits for the next run. Kept
         * well below the function's timeout (template.yaml), so no delivery is cut off half-way.
         */
        @WithDefault("200s")
        Duration retryRunBudget();
    }

    interface Orders {
        /** How long an order that the balance could not pay waits for a payment before it is cancelled. */
        @WithDefault("30m")
        Duration paymentWindow();

        /** How long an idempotencyKey is remembered (DynamoDB's TTL deletes the key some time after). */
        @WithDefault("P1D")
        Duration idempotencyRetention();

        /**
         * How long a sandbox ({@code isMock}) order stays in the table: DynamoDB's TTL deletes it (and its
         * idempotencyKey, if it would live longer) some time after this much past its creation.
         */
        @WithDefault("P7D")
        Duration mockRetention();

        /** Most sandbox orders one user may create in one clock hour (UTC); more are 429 rate_limited. */
        @WithDefault("200")
        int mockOrdersPerHour();

        /** Largest number of items (lines) in one order. */
        @WithDefault("10")
        int maxItems();

        /** Attempts to claim codes when concurrent orders race for the same ones (or the balance), before 503. */
        @WithDefault("25")
        int claimAttempts();

        /**
         * How long a paid order may stay {@code active} before the order-expiry function completes it: the request
         * that paid it completes it at once, unless it died in between.
         */
        @WithDefault("2m")
        Duration completionGrace();

        /** At most this many orders per run of the order-expiry function and kind of work. */
        @WithDefault("200")
        int sweepBatchSize();
    }

    interface Payments {
        /** Where a payment page sends the buyer back when the request names no returnUrl. */
        @WithDefault("https://marix.cc/payments/return")
        String returnUrl();

        /** The provider that takes an order's payment ({@code POST /api/orders/{id}/pay}): tribute or merchant. */
        @WithDefault("tribute")
        String orderProvider();

        /** Largest top-up, in the balance currency: a quote over it is 422. */
        @WithDefault("500000")
        BigDecimal maxTopupRub();

        @WithDefault("5000")
        BigDecimal maxTopupUsd();

        /** How long a fiat top-up's payment page is payable before the reconcile function closes it. */
        @WithDefault("30m")
        Duration fiatWindow();

        /** How often the reconcile function asks a provider about an open payment. */
        @WithDefault("2m")
        Duration pollInterval();

        /**
         * How long after its payment window a payment is still asked about before it is closed expired: a provider
         * may confirm a payment made at the last moment a little later.
         */
        @WithDefault("15m")
        Duration closeGrace();

        /** At most this many open payments per run of the reconcile function. */
        @WithDefault("100")
        int reconcileBatchSize();

        /** Largest callback body a provider may send; a larger one is 413 before anything is read. */
        @WithDefault("65536")
        int maxCallbackBytes();

        Exchanger exchanger();

        interface Exchanger {
            /** Our partner code at the exchanger ({@code partner} of every order). */
            @WithDefault("marix")
            String partner();

            /**
             * Where the exchanger posts its IPNs: the exchanger-ipn function's URL (env EXCHANGER_IPN_URL); each order's
             * {@code ipnUrl} is this + {@code /callbacks/exchanger/<topUpId>}.
             */
            @WithDefault("http://127.0.0.1:8080")
            String ipnBaseUrl();

            /** How long a crypto quote (its rate and deposit address) holds. */
            @WithDefault("30m")
            Duration quoteTtl();

            /** The chains and assets crypto top-ups may use, each asset with its exchanger routes. */
            List<Chain> chains();

            interface Chain {
                String id();

                @WithDefault("true")
                boolean enabled();

                int minConfirmations();

                /** The EVM chain id, for a wallet call ({@code txPayload.evmCall}); absent on other chains. */
                Optional<Long> evmChainId();

                List<Asset> assets();
            }

            interface Asset {
                String id();

                String symbol();

                int decimals();

                boolean stablecoin();

                /** The token contract; absent for the chain's own coin. */
                Optional<String> tokenAddress();

                /** The exchanger's route (ObjectID) from this asset to a rub balance; absent: not offered. */
                Optional<String> routeRub();

                /** The same, to a usd balance. */
                Optional<String> routeUsd();
            }
        }
    }

    /** Stock levels and their low-stock alarm. */
    Stock stock();

    interface Stock {
        /** A product without its own threshold (admin setLowStockThreshold) is low below this many codes. */
        @WithDefault("10")
        int defaultLowThreshold();

        /** At most this many products' stock levels looked at per run of the order-expiry function. */
        @WithDefault("200")
        int watchBatchSize();
    }
}
