package cc.marix.reseller.store;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import cc.marix.reseller.config.AppConfig;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/** Creates the table where {@code app.table.create} allows it (local runs, tests); in AWS the template owns it. */
@Singleton
public class TableBootstrap {

    private static final Logger LOG = Logger.getLogger(TableBootstrap.class);

    void onStart(@Observes StartupEvent start, AppConfig config, DynamoDbClient dynamo) {
        if (config.table().create()) {
            ensureTable(dynamo, config.table().name());
        }
    }

    public static void ensureTable(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.describeTable(DescribeTableRequest.builder().tableName(tableName).build());
            return;
        } catch (ResourceNotFoundException missing) {
            LOG.infof("creating table %s", tableName);
        }
        dynamo.createTable(TableSchema.createTable(tableName));
        dynamo.waiter().waitUntilTableExists(DescribeTableRequest.builder().tableName(tableName).build());
        dynamo.updateTimeToLive(UpdateTimeToLiveRequest.builder()
                .tableName(tableName)
                .timeToLiveSpecification(TimeToLiveSpecification.builder()
                        .attributeName(TableSchema.TTL).enabled(true).build())
                .build());
    }
}
