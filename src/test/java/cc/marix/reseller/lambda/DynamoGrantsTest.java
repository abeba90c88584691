package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.testing.DynamoAccess;

/** How the audit reads a function's statements and words what differs from the recorded calls. */
class DynamoGrantsTest {

    private static Map<String, Object> statement(Object actions, Object resource, Object leadingKeys) {
        return Map.of("Sid", "S", "Effect", "Allow", "Action", actions, "Resource", resource,
                "Condition", Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", leadingKeys)));
    }

    @Test
    void granted_shouldExpandActionsResourcesAndPrefixes() {
        List<String> problems = new ArrayList<>();
        Set<DynamoAccess> granted = DynamoGrants.granted("f", List.of(
                statement(List.of("dynamodb:GetItem", "dynamodb:PutItem"), "Table.Arn", List.of("ORDER#*", "CATEGORIES")),
                statement("dynamodb:Query", "${Table.Arn}/index/gsi1", List.of("USER_ORDERS#*"))), problems);
        assertEquals(List.of(), problems);
        assertEquals(Set.of(new DynamoAccess("GetItem", "table", "ORDER#"),
                new DynamoAccess("GetItem", "table", "CATEGORIES"), new DynamoAccess("PutItem", "table", "ORDER#"),
                new DynamoAccess("PutItem", "table", "CATEGORIES"),
                new DynamoAccess("Query", "index/gsi1", "USER_ORDERS#")), granted);
    }

    @Test
    void granted_shouldReportAStatementWithoutLeadingKeys() {
        List<String> problems = new ArrayList<>();
        Set<DynamoAccess> granted = DynamoGrants.granted("f", List.of(Map.of("Sid", "Open", "Effect", "Allow",
                "Action", "dynamodb:GetItem", "Resource", "Table.Arn")), problems);
        assertEquals(Set.of(), granted);
        assertEquals(List.of("f statement Open: DynamoDB actions without a ForAllValues:StringLike"
                + " dynamodb:LeadingKeys condition"), problems);
    }

    @Test
    void granted_shouldReportAWildcardThatIsNoPrefix() {
        List<String> problems = new ArrayList<>();
        DynamoGrants.granted("f", List.of(statement("dynamodb:GetItem", "Table.Arn", List.of("*", "ORDER#1*"))),
                problems);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("f statement S: leading-key pattern * is not PREFIX#* or an exact key", problems.get(0));
    }

    @Test
    void granted_shouldIgnoreOtherServicesAndStreamActions() {
        List<String> problems = new ArrayList<>();
        Set<DynamoAccess> granted = DynamoGrants.granted("f", List.of(
                Map.of("Effect", "Allow", "Action", List.of("dynamodb:GetRecords"), "Resource", "Table.StreamArn"),
                Map.of("Effect", "Allow", "Action", "secretsmanager:GetSecretValue", "Resource", "arn")), problems);
        assertEquals(Set.of(), granted);
        assertEquals(List.of(), problems);
    }

    @Test
    void differences_shouldNameFunctionActionResourceAndPrefix_bothWays() {
        Set<DynamoAccess> granted = Set.of(new DynamoAccess("GetItem", "table", "PARTNER#"),
                new DynamoAccess("Query", "index/gsi2", "PAYMENT_OPEN"));
        Set<DynamoAccess> used = Set.of(new DynamoAccess("GetItem", "table", "PARTNER#"),
                new DynamoAccess("UpdateItem", "table", "PARTNER#"));
        assertEquals(List.of(
                "admin: calls dynamodb:UpdateItem on table for keys PARTNER#* but template.yaml does not grant it",
                "admin: template.yaml grants dynamodb:Query on index/gsi2 for keys PAYMENT_OPEN that no test saw it"
                        + " use (remove the grant, or add the test that needs it)"),
                DynamoGrants.differences("admin", new TreeSet<>(granted), new TreeSet<>(used)));
    }
}
