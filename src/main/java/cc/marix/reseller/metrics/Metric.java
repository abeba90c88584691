package cc.marix.reseller.metrics;

/**
 * Every business metric, as functions.md ("Metrics") lists it: its CloudWatch name, and the one dimension its values
 * are split by, if any. Counts add up within an invocation; a {@link Kind#LEVEL} keeps the last value it was given.
 */
public enum Metric {

    ORDERS_DELIVERED("OrdersDelivered", Dimension.PARTNER, Kind.COUNT),
    ORDERS_OUT_OF_STOCK("OrdersOutOfStock", Dimension.PARTNER, Kind.COUNT),
    EMAILS_SENT("EmailsSent", Dimension.NONE, Kind.COUNT),
    CALLBACKS_ACKNOWLEDGED("CallbacksAcknowledged", Dimension.NONE, Kind.COUNT),
    CALLBACKS_RETRIED("CallbacksRetried", Dimension.NONE, Kind.COUNT),
    CALLBACKS_PARKED("CallbacksParked", Dimension.NONE, Kind.COUNT),
    PAYMENTS_CREDITED("PaymentsCredited", Dimension.PROVIDER, Kind.COUNT),
    PAYMENTS_UNDERPAID("PaymentsUnderpaid", Dimension.PROVIDER, Kind.COUNT),
    PAYMENTS_UNCONFIRMED("PaymentsUnconfirmed", Dimension.PROVIDER, Kind.COUNT),
    PROVIDER_UNREACHABLE("ProviderUnreachable", Dimension.PROVIDER, Kind.COUNT),
    PAYMENTS_EXPIRED("PaymentsExpired", Dimension.PROVIDER, Kind.COUNT),
    BALANCE_ORDERS_PAID("BalanceOrdersPaid", Dimension.NONE, Kind.COUNT),
    ORDERS_EXPIRED("OrdersExpired", Dimension.NONE, Kind.COUNT),
    STOCK_AVAILABLE("StockAvailable", Dimension.PRODUCT, Kind.LEVEL);

    /** The dimension a metric is split by: low cardinality only (functions.md, "Metrics"). */
    public enum Dimension {
        NONE(null),
        PARTNER("Partner"),
        PROVIDER("Provider"),
        PRODUCT("ProductId");

        private final String key;

        Dimension(String key) {
            this.key = key;
        }

        /** The dimension's name in CloudWatch; null for none. */
        public String key() {
            return key;
        }
    }

    public enum Kind {
        COUNT,
        LEVEL
    }

    private final String cloudWatchName;
    private final Dimension dimension;
    private final Kind kind;

    Metric(String cloudWatchName, Dimension dimension, Kind kind) {
        this.cloudWatchName = cloudWatchName;
        this.dimension = dimension;
        this.kind = kind;
    }

    public String cloudWatchName() {
        return cloudWatchName;
    }

    public Dimension dimension() {
        return dimension;
    }

    public Kind kind() {
        return kind;
    }

    /** Every metric is a number of things (orders, e-mails, codes): CloudWatch's unit {@code Count}. */
    public String unit() {
        return "Count";
    }
}
