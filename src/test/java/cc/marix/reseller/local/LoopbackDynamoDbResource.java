package cc.marix.reseller.local;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Test resource: DynamoDB Local on 127.0.0.1 and a free port, in this JVM, for the application under test. Use it
 * together with {@link LocalLambdaRuntimeResource}:
 * {@code @WithTestResource(LoopbackDynamoDbResource.class) @WithTestResource(LocalLambdaRuntimeResource.class)}.
 */
public class LoopbackDynamoDbResource implements QuarkusTestResourceLifecycleManager {

    /** The table tests run against; %test.app.table.create makes the application create it at start-up. */
    public static final String TABLE_NAME = "reseller-test";

    private static volatile LoopbackDynamoDb database;

    @Override
    public Map<String, String> start() {
        database = LoopbackDynamoDb.start();
        return Map.of(
                "quarkus.dynamodb.endpoint-override", database.endpoint().toString(),
                "quarkus.dynamodb.aws.region", LocalAccount.REGION,
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", LocalAccount.ACCESS_KEY_ID,
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", LocalAccount.SECRET_ACCESS_KEY,
                "app.table.name", TABLE_NAME);
    }

    @Override
    public void stop() {
        if (database != null) {
            database.stop();
            database = null;
        }
    }

    /** The running database, for tests that read or write the table directly. */
    public static LoopbackDynamoDb database() {
        if (database == null) {
            throw new IllegalStateException("LoopbackDynamoDbResource is not started for this test");
        }
        return database;
    }
}
