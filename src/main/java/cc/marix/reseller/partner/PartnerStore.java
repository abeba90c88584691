package cc.marix.reseller.partner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.WriteIds;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Partner items in the table. */
@ApplicationScoped
public class PartnerStore {

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

    /**
     * Creates the partner; false when one with that slug exists already. The SDK's repeat of a creation that
     * committed finds the partner it wrote, recognised by its write id ({@link WriteIds}): true, not "exists".
     */
    public boolean create(Partner partner) {
        String writeId = WriteIds.next();
        Map<String, AttributeValue> item = new HashMap<>(PartnerItem.toItem(partner));
        item.put(WriteIds.ATTRIBUTE, Attrs.s(writeId));
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return WriteIds.ours(exists, writeId);
        }
    }

    /**
     * Makes {@code secret} the current one, the others valid for at most {@code previousTtl} more (see
     * {@link Partner#rotated}). The write is conditional on the version read, so two rotations at once cannot both
     * think they kept the other's secret; the loser reads again and retries.
     *
     * @throws SecretReusedException when the secret is one the partner used before
     */
    public Optional<Partner> rotateSecret(String slug, String secret, Duration previousTtl, Instant now) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Partner> current = find(slug);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Partner partner = current.get();
            Partner rotated = partner.rotated(secret, previousTtl, now);
            if (rotated == partner) {
                return current;
            }
            try {
                dynamo.updateItem(UpdateItemRequest.builder()
                        .tableName(table)
                        .key(PartnerItem.key(slug))
                        .updateExpression("SET #secrets = :secrets, #version = :next")
                        .conditionExpression("#version = :read")
                        .expressionAttributeNames(Map.of("#secrets", PartnerItem.SECRETS, "#version", PartnerItem.VERSION))
                        .expressionAttributeValues(Map.of(
                                ":secrets", PartnerItem.secrets(rotated.secrets()),
                                ":next", Attrs.n(rotated.version()),
                                ":read", Attrs.n(partner.version())))
                        .build());
                return Optional.of(rotated);
            } catch (ConditionalCheckFailedException raced) {
                // another write won (or this one, committed with its answer lost: then the secret is current and the
                // next round answers the partner as rotated); read its result and apply ours on top
            }
        }
        throw new IllegalStateException("secret rotation kept racing for partner " + slug);
    }

    /**
     * Changes the given settings in one conditional write that also moves the version on, so a rotation racing it
     * retries instead of writing back what it read. Empty when there is no such partner. The SDK's repeat of a write
     * that committed would move the version on again: its write id ({@link WriteIds}) refuses it, and the refusal
     * answers the partner as the write left it.
     */
    public Optional<Partner> update(String slug, PartnerUpdate update) {
        String writeId = WriteIds.next();
        List<String> sets = new ArrayList<>(List.of("#version = if_not_exists(#version, :zero) + :one",
                "#write = :write"));
        List<String> removes = new ArrayList<>();
        Map<String, String> names = new HashMap<>(Map.of("#version", PartnerItem.VERSION, "#write",
                WriteIds.ATTRIBUTE));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":zero", Attrs.n(0), ":one", Attrs.n(1),
                ":write", Attrs.s(writeId)));
        if (update.active() != null) {
            sets.add("#active = :active");
            names.put("#active", PartnerItem.ACTIVE);
            values.put(":active", Attrs.bool(update.active()));
        }
        if (update.signatureScheme() != null) {
            sets.add("#scheme = :scheme");
            names.put("#scheme", PartnerItem.SIGNATURE_SCHEME);
            values.put(":scheme", Attrs.s(update.signatureScheme().wire()));
        }
        if (update.productIds() != null) {
            names.put("#products", PartnerItem.PRODUCT_IDS);
            // DynamoDB refuses empty sets: an empty list removes the attribute
            if (update.productIds().isEmpty()) {
                removes.add("#products");
            } else {
                sets.add("#products = :products");
                values.put(":products", Attrs.ss(update.productIds()));
            }
        }
        String expression = "SET " + String.join(", ", sets)
                + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(PartnerItem.key(slug))
                    .updateExpression(expression)
                    .conditionExpression(
                            "attribute_exists(pk) AND (attribute_not_exists(#write) OR #write <> :write)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
            return Optional.of(PartnerItem.fromItem(item));
        } catch (ConditionalCheckFailedException absentOrDone) {
            return WriteIds.ours(absentOrDone, writeId) ? Optional.of(PartnerItem.fromItem(absentOrDone.item()))
                    : Optional.empty();
        }
    }
}
