package cc.marix.reseller.local;

/** The pretend AWS account every local piece agrees on: DynamoDB Local accepts any credentials, but they must exist. */
public final class LocalAccount {

    public static final String REGION = "eu-central-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ACCESS_KEY_ID = "local";
    public static final String SECRET_ACCESS_KEY = "local";
    /** The table of local runs (scripts/run-local.sh, scripts/invoke.sh); tests use their own. */
    public static final String TABLE_NAME = "reseller";

    private LocalAccount() {
    }
}
