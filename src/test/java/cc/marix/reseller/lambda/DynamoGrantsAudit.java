package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.testing.DynamoAccess;
import cc.marix.reseller.testing.DynamoAccessRecorder;

/**
 * template.yaml grants each function exactly the DynamoDB access its code used while the whole test suite ran it:
 * every action, table or index and partition-key prefix recorded by {@link DynamoAccessRecorder}, and nothing else.
 * It needs the recording of a complete run, so it is not a {@code *Test}: the {@code dynamodb-grants} surefire
 * execution runs it in the verify phase, after the suite ({@code mvn verify}).
 */
class DynamoGrantsAudit {

    private static final Path TEMPLATE = Path.of("template.yaml");

    @Test
    void template_shouldGrantEachFunctionExactlyTheDynamoDbAccessItsCodeUsed() throws IOException {
        Map<String, Set<DynamoAccess>> used = recorded();
        List<String> problems = new ArrayList<>();
        Set<DynamoAccess> unattributed = used.remove(DynamoAccessRecorder.UNATTRIBUTED);
        if (unattributed != null) {
            problems.add("the application called DynamoDB outside any function's request or event: " + unattributed);
        }
        Map<String, List<Map<String, Object>>> statements = TemplateFunctions.statements(TEMPLATE);
        for (FunctionSpec spec : Functions.DEPLOYED) {
            String function = spec.name();
            Set<DynamoAccess> granted = DynamoGrants.granted(function,
                    statements.getOrDefault(function, List.of()), problems);
            problems.addAll(DynamoGrants.differences(function, granted, used.getOrDefault(function, Set.of())));
        }
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void streamActions_shouldBeGrantedToTheDeliveryWorkerOnly_onTheTableStream() throws IOException {
        for (Map.Entry<String, List<Map<String, Object>>> function : TemplateFunctions.statements(TEMPLATE)
                .entrySet()) {
            for (Map<String, Object> statement : function.getValue()) {
                boolean stream = DynamoGrants.strings(statement.get("Action")).stream()
                        .anyMatch(DynamoGrants.STREAM_ACTIONS::contains);
                if (stream) {
                    assertEquals(Functions.DELIVERY_WORKER, function.getKey(), statement.toString());
                    assertTrue(DynamoGrants.strings(statement.get("Resource")).stream()
                            .allMatch(resource -> resource.equals("Table.StreamArn")), statement.toString());
                }
            }
        }
    }

    private static Map<String, Set<DynamoAccess>> recorded() throws IOException {
        Path recording = DynamoAccessRecorder.RECORDING;
        assertTrue(Files.isRegularFile(recording), "no " + recording + ": it is written while the test suite runs;"
                + " run the whole suite first (mvn verify), not this audit alone");
        Map<String, Set<DynamoAccess>> used = new TreeMap<>();
        for (String line : Files.readAllLines(recording, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                Map.Entry<String, DynamoAccess> access = DynamoAccess.parse(line);
                used.computeIfAbsent(access.getKey(), function -> new TreeSet<>()).add(access.getValue());
            }
        }
        assertTrue(!used.isEmpty(), recording + " is empty: no test reached DynamoDB through a function");
        return used;
    }
}
