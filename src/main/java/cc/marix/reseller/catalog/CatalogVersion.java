package cc.marix.reseller.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The catalog's version: one small item ({@code CATALOG / VERSION}: {@code version}, {@code changedAt} in epoch
 * milliseconds) that every catalog import moves forward after its writes, so a warm container can tell with one
 * GetItem whether the catalog it holds ({@link CatalogCache}) is still the current one. An ADD, not a
 * read-modify-write: two imports racing both move it.
 */
@ApplicationScoped
public class CatalogVersion {

    /** A version and when it was set; version 0 at the epoch when the catalog was never imported. */
    public record Stamp(long version, Instant changedAt) {
    }

    static final Map<String, AttributeValue> KEY = Attrs.key("CATALOG", "VERSION");
    static final String VERSION = "version";
    static final String CHANGED_AT = "changedAt";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public CatalogVersion(DynamoDbClient dynamo, AppConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table().name();
        this.clock = clock;
    }

    /** The current version; consistent, so a read after an import's answer sees that import's version. */
    public Stamp read() {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table).key(KEY)
                .consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return new Stamp(0, Instant.EPOCH);
        }
        return new Stamp(Attrs.longValue(item, VERSION, 0),
                Instant.ofEpochMilli(Attrs.longValue(item, CHANGED_AT, 0)));
    }

    /** Moves the version on: after the catalog's items were written, never before (see {@link CatalogCache}). */
    public void bump() {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(KEY)
                .updateExpression("ADD #version :one SET #changedAt = :now")
                .expressionAttributeNames(Map.of("#version", VERSION, "#changedAt", CHANGED_AT))
                .expressionAttributeValues(Map.of(":one", Attrs.n(1), ":now", Attrs.n(clock.millis())))
                .build());
    }
}
