package cc.marix.reseller.account;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * API users and their keys. Every change to a user's keys or active flag is one transaction conditional on the
 * user's version, so a key issued while the user is being deactivated cannot slip through with the old flag.
 */
@ApplicationScoped
public class UserStore {

    /** What a key stands for: its user and whether that user may use the API. */
    public record KeyOwner(String userId, boolean active) {
    }

    /** A user as stored, with its keys (key id -> key hash). */
    public record Stored(ApiUser user, Map<String, String> keys) {
    }

    /** Keys one user may hold at once: their active flags change in one transaction with the user. */
    public static final int MAX_KEYS = 20;

    private final DynamoDbClient dynamo;
    private final String table;

    public UserStore(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    public Optional<ApiUser> find(String userId) {
        return findStored(userId).map(Stored::user);
    }

    public Optional<Stored> findStored(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(UserItems.key(userId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new Stored(UserItems.fromItem(item), UserItems.keys(item)));
    }

    /**
     * Consistent: {@link KeyOwners} keeps an active owner for its TTL, so a stale read just after a revoke would
     * stretch that bound by the TTL; a warm function reads each key about once a minute, so the doubled read unit
     * is cheap.
     */
    public Optional<KeyOwner> ownerOf(String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(UserItems.apiKey(keyHash)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new KeyOwner(Attrs.str(item, UserItems.USER_ID), Attrs.boolValue(item, UserItems.ACTIVE)));
    }

    /** Creates the user with its first key, in one transaction. */
    public void create(ApiUser user, String keyHash, String keyId) {
        Map<String, AttributeValue> item = new HashMap<>(UserItems.toItem(user));
        item.put(UserItems.KEYS, Attrs.map(Map.of(keyId, Attrs.s(keyHash))));
        Transactions.write(dynamo, List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(keyPut(keyHash, keyId, user.id(), user.isActive(), user.createdAt()))
                        .build()), "user-create", user.id());
    }

    /** Adds a key; false when the user changed since it was read (the caller reads again). */
    public boolean addKey(ApiUser user, String keyHash, String keyId, String createdAt) {
        return transact(List.of(
                TransactWriteItem.builder().update(versioned(user)
                        .updateExpression("SET #keys.#kid = :hash, #version = :next")
                        .expressionAttributeNames(Map.of("#keys", UserItems.KEYS, "#kid", keyId,
                                "#version", UserItems.VERSION))
                        .expressionAttributeValues(Map.of(":hash", Attrs.s(keyHash),
                                ":next", Attrs.n(user.version() + 1), ":version", Attrs.n(user.version())))
                        .build()).build(),
                TransactWriteItem.builder().put(keyPut(keyHash, keyId, user.id(), user.isActive(), createdAt))
                        .build()));
    }

    /** Deletes one key; false when the user changed since it was read. */
    public boolean revoke(Stored stored, String keyId) {
        ApiUser user = stored.user();
        return transact(List.of(
                TransactWriteItem.builder().update(versioned(user)
                        .updateExpression("REMOVE #keys.#kid SET #version = :next")
                        .expressionAttributeNames(Map.of("#keys", UserItems.KEYS, "#kid", keyId,
                                "#version", UserItems.VERSION))
                        .expressionAttributeValues(Map.of(":next", Attrs.n(user.version() + 1),
                                ":version", Attrs.n(user.version())))
                        .build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(UserItems.apiKey(stored.keys().get(keyId))).build()).build()));
    }

    /** Sets the active flag on the user and on every key of it; false when the user changed since it was read. */
    public boolean setActive(Stored stored, boolean active) {
        ApiUser user = stored.user();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(versioned(user)
                .updateExpression("SET #active = :active, #version = :next")
                .expressionAttributeNames(Map.of("#active", UserItems.ACTIVE, "#version", UserItems.VERSION))
                .expressionAttributeValues(Map.of(":active", Attrs.bool(active),
                        ":next", Attrs.n(user.version() + 1), ":version", Attrs.n(user.version())))
                .build()).build());
        for (String keyHash : stored.keys().values()) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(UserItems.apiKey(keyHash))
                    .updateExpression("SET #active = :active")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#active", UserItems.ACTIVE))
                    .expressionAttributeValues(Map.of(":active", Attrs.bool(active)))
                    .build()).build());
        }
        return transact(writes);
    }

    private Update.Builder versioned(ApiUser user) {
        return Update.builder().tableName(table).key(UserItems.key(user.id()))
                .conditionExpression("attribute_exists(pk) AND #version = :version");
    }

    private boolean transact(List<TransactWriteItem> writes) {
        try {
            // the writes carry the user and the version they expect: that is the identity
            Transactions.write(dynamo, writes, "user-update");
            return true;
        } catch (TransactionCanceledException changed) {
            return false;
        }
    }

    private Put keyPut(String keyHash, String keyId, String userId, boolean active, String createdAt) {
        return Put.builder().tableName(table).item(UserItems.keyItem(keyHash, keyId, userId, active, createdAt))
                .conditionExpression("attribute_not_exists(pk)").build();
    }
}
