package cc.marix.reseller.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One IAM permission a DynamoDB call needs: the action IAM authorizes, the resource ({@code table} or
 * {@code index/<name>}) and the partition-key prefix {@code dynamodb:LeadingKeys} sees (the key up to and including
 * its first '#', or the whole key when it has none). IAM authorizes a transaction item by item, as the plain call
 * of that item would be (Put: PutItem, ConditionCheck: ConditionCheckItem, Get: GetItem); BatchGetItem and
 * BatchWriteItem are actions of their own, checked against every key they name.
 */
public record DynamoAccess(String action, String resource, String prefix) implements Comparable<DynamoAccess> {

    public static final String TABLE = "table";
    /** The prefix of a call that names no key. */
    public static final String ANY_KEY = "*";

    private static final Pattern EQUALITY = Pattern.compile("(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)");

    /** What {@code request} needs. */
    public static List<DynamoAccess> of(SdkRequest request) {
        List<DynamoAccess> accesses = new ArrayList<>();
        if (request instanceof GetItemRequest get) {
            accesses.add(item("GetItem", get.key()));
        } else if (request instanceof PutItemRequest put) {
            accesses.add(item("PutItem", put.item()));
        } else if (request instanceof UpdateItemRequest update) {
            accesses.add(item("UpdateItem", update.key()));
        } else if (request instanceof DeleteItemRequest delete) {
            accesses.add(item("DeleteItem", delete.key()));
        } else if (request instanceof QueryRequest query) {
            accesses.add(query(query));
        } else if (request instanceof BatchGetItemRequest batch) {
            batch.requestItems().values().forEach(keys -> keys.keys().forEach(key -> accesses.add(item("BatchGetItem", key))));
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().values().forEach(writes -> writes.forEach(write -> accesses.add(item("BatchWriteItem",
                    write.putRequest() != null ? write.putRequest().item() : write.deleteRequest().key()))));
        } else if (request instanceof TransactGetItemsRequest transaction) {
            transaction.transactItems().forEach(get -> accesses.add(item("GetItem", get.get().key())));
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            transaction.transactItems().forEach(write -> accesses.add(transactItem(write)));
        } else {
            // a Scan, a PartiQL statement, table administration: no key to limit it by, so it needs a grant on any
            // key, which the audit refuses: a function never issues one
            accesses.add(new DynamoAccess(request.getClass().getSimpleName().replace("Request", ""), TABLE, ANY_KEY));
        }
        return accesses;
    }

    /** The key's partition prefix as IAM policies name it: "PRODUCT#" for "PRODUCT#42", "CATEGORIES" as is. */
    public static String prefix(String partitionKey) {
        int hash = partitionKey.indexOf('#');
        return hash < 0 ? partitionKey : partitionKey.substring(0, hash + 1);
    }

    /** The prefix as a dynamodb:LeadingKeys pattern: "PRODUCT#*" for every key under it, "CATEGORIES" for one key. */
    public String pattern() {
        return prefix.endsWith("#") ? prefix + "*" : prefix;
    }

    /** Reads a {@link #line(String)} back: the function, then the access. */
    public static Map.Entry<String, DynamoAccess> parse(String line) {
        String[] fields = line.split("\t");
        if (fields.length != 4) {
            throw new IllegalArgumentException("not a recorded access: " + line);
        }
        return Map.entry(fields[0], new DynamoAccess(fields[1], fields[2], fields[3]));
    }

    @Override
    public int compareTo(DynamoAccess other) {
        return Comparator.comparing(DynamoAccess::resource).thenComparing(DynamoAccess::action)
                .thenComparing(DynamoAccess::prefix).compare(this, other);
    }

    /** A tab-separated line of the recording, with the function the call was made for first. */
    public String line(String function) {
        return function + "\t" + action + "\t" + resource + "\t" + prefix;
    }

    private static DynamoAccess transactItem(TransactWriteItem write) {
        if (write.put() != null) {
            return item("PutItem", write.put().item());
        }
        if (write.update() != null) {
            return item("UpdateItem", write.update().key());
        }
        if (write.delete() != null) {
            return item("DeleteItem", write.delete().key());
        }
        return item("ConditionCheckItem", write.conditionCheck().key());
    }

    private static DynamoAccess item(String action, Map<String, AttributeValue> keyOrItem) {
        return new DynamoAccess(action, TABLE, prefix(keyOrItem.get(TableSchema.PK).s()));
    }

    private static DynamoAccess query(QueryRequest query) {
        String partitionAttribute = query.indexName() == null ? TableSchema.PK
                : TableSchema.GSI1.equals(query.indexName()) ? TableSchema.GSI1_PK : TableSchema.GSI2_PK;
        String resource = query.indexName() == null ? TABLE : "index/" + query.indexName();
        Matcher equality = EQUALITY.matcher(query.keyConditionExpression());
        while (equality.find()) {
            String name = equality.group(1);
            String attribute = name.startsWith("#") ? query.expressionAttributeNames().get(name) : name;
            if (partitionAttribute.equals(attribute)) {
                String key = query.expressionAttributeValues().get(equality.group(2)).s();
                return new DynamoAccess("Query", resource, prefix(key));
            }
        }
        throw new IllegalArgumentException("no partition key equality in " + query.keyConditionExpression());
    }
}
