package cc.marix.reseller.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Which IAM permission each DynamoDB call needs, as the grants audit records it. */
class DynamoAccessTest {

    @Test
    void prefix_shouldEndAtTheFirstHash_orBeTheWholeKey() {
        assertEquals("PRODUCT#", DynamoAccess.prefix("PRODUCT#0190#x"));
        assertEquals("CATEGORIES", DynamoAccess.prefix("CATEGORIES"));
        assertEquals("PRODUCT#*", new DynamoAccess("GetItem", "table", "PRODUCT#").pattern());
        assertEquals("CATEGORIES", new DynamoAccess("GetItem", "table", "CATEGORIES").pattern());
    }

    @Test
    void transactWriteItems_shouldNeedEachItemsOwnAction() {
        TransactWriteItemsRequest transaction = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(Put.builder().item(Attrs.key("ORDER#1", "ORDER")).build()).build(),
                TransactWriteItem.builder().update(Update.builder().key(Attrs.key("BALANCE#u", "RUB")).build())
                        .build(),
                TransactWriteItem.builder().delete(Delete.builder().key(Attrs.key("STOCK#p#c", "CODE")).build())
                        .build(),
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                        .key(Attrs.key("PAYMENT#1", "PAYMENTREC")).build()).build()).build();
        assertEquals(List.of(new DynamoAccess("PutItem", "table", "ORDER#"),
                new DynamoAccess("UpdateItem", "table", "BALANCE#"), new DynamoAccess("DeleteItem", "table", "STOCK#"),
                new DynamoAccess("ConditionCheckItem", "table", "PAYMENT#")), DynamoAccess.of(transaction));
    }

    @Test
    void batchGetItem_shouldBeItsOwnAction_forEveryKey() {
        BatchGetItemRequest batch = BatchGetItemRequest.builder().requestItems(Map.of("t", KeysAndAttributes.builder()
                .keys(Attrs.key("RATE#USD#RUB", "RATE"), Attrs.key("STOCK#p", "COUNTER")).build())).build();
        assertEquals(List.of(new DynamoAccess("BatchGetItem", "table", "RATE#"),
                new DynamoAccess("BatchGetItem", "table", "STOCK#")), DynamoAccess.of(batch));
    }

    @Test
    void query_shouldNameTheIndex_andTheValueOfItsPartitionKey_byNameOrAlias() {
        QueryRequest onIndex = QueryRequest.builder().indexName("gsi2")
                .keyConditionExpression("#pk = :due AND #sk <= :now")
                .expressionAttributeNames(Map.of("#pk", "gsi2pk", "#sk", "gsi2sk"))
                .expressionAttributeValues(Map.of(":due", Attrs.s("DELIVERY_DUE"), ":now", Attrs.s("2026")))
                .build();
        assertEquals(List.of(new DynamoAccess("Query", "index/gsi2", "DELIVERY_DUE")), DynamoAccess.of(onIndex));
        QueryRequest onTable = QueryRequest.builder().keyConditionExpression("sk = :sk AND pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attrs.s("USER#7"), ":sk", Attrs.s("x"))).build();
        assertEquals(List.of(new DynamoAccess("Query", "table", "USER#")), DynamoAccess.of(onTable));
    }

    @Test
    void query_shouldRefuseAKeyConditionWithoutThePartitionKey() {
        QueryRequest query = QueryRequest.builder().keyConditionExpression("sk = :sk")
                .expressionAttributeValues(Map.of(":sk", Attrs.s("x"))).build();
        assertThrows(IllegalArgumentException.class, () -> DynamoAccess.of(query));
    }

    @Test
    void getItem_shouldNeedGetItem_andACallWithoutAKeyAGrantOnAnyKey() {
        assertEquals(List.of(new DynamoAccess("GetItem", "table", "APIKEY#")),
                DynamoAccess.of(GetItemRequest.builder().key(Attrs.key("APIKEY#h", "APIKEY")).build()));
        assertEquals(List.of(new DynamoAccess("Scan", "table", "*")),
                DynamoAccess.of(ScanRequest.builder().tableName("reseller").build()));
        assertEquals(List.of(new DynamoAccess("CreateTable", "table", "*")),
                DynamoAccess.of(TableSchema.createTable("reseller")));
    }
}
