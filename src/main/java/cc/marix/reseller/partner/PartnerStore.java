package cc.marix.reseller.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Partner items in the table. */
@ApplicationScoped
public class PartnerStore {

    /** Live secrets after a rotation: the one being replaced and its successor. */
    static final int LIVE_SECRETS = 2;

    private final DynamoDbClient dynamo;
    private final String table;

    public PartnerStore(DynamoDbClient dynamo, AppConfig config) {
        this.dynamo = dynamo;
        this.table = config.table().name();
    }

    public Optional<Partner> find(String slug) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(PartnerItem.key(slug)).consistentRead(true).build()).item();
        return PartnerItem.isPartner(item) ? Optional.of(PartnerItem.fromItem(item)) : Optional.empty();
    }

    /** Creates the partner; false when one with that slug exists already. */
    public boolean create(Partner partner) {
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(PartnerItem.toItem(partner))
                    .conditionExpression("attribute_not_exists(pk)")
                    .build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /**
     * Adds a secret and keeps the newest two live. The write is conditional on the version read, so two rotations at
     * once cannot both think they kept the other's secret; the loser reads again and retries.
     */
    public Optional<Partner> rotateSecret(String slug, String secret) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Partner> current = find(slug);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Partner partner = current.get();
            if (partner.secrets().contains(secret)) {
                return current;
            }
            List<String> secrets = new ArrayList<>(partner.secrets());
            secrets.add(secret);
            List<String> live = List.copyOf(secrets.subList(Math.max(0, secrets.size() - LIVE_SECRETS), secrets.size()));
            try {
                dynamo.updateItem(UpdateItemRequest.builder()
                        .tableName(table)
                        .key(PartnerItem.key(slug))
                        .updateExpression("SET #secrets = :secrets, #version = :next")
                        .conditionExpression("#version = :read")
                        .expressionAttributeNames(Map.of("#secrets", PartnerItem.SECRETS, "#version", PartnerItem.VERSION))
                        .expressionAttributeValues(Map.of(
                                ":secrets", PartnerItem.secrets(live),
                                ":next", Attrs.n(partner.version() + 1),
                                ":read", Attrs.n(partner.version())))
                        .build());
                return Optional.of(new Partner(slug, live, partner.productIds(), partner.userId(), partner.createdAt(),
                        partner.version() + 1));
            } catch (ConditionalCheckFailedException raced) {
                // another rotation won; read its result and apply ours on top
            }
        }
        throw new IllegalStateException("secret rotation kept racing for partner " + slug);
    }
}
