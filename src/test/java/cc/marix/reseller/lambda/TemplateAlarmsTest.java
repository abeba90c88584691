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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.metrics.EmfWriter;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.testing.Json;

/**
 * template.yaml's alarms and dashboard: every alarm the README's runbook names exists and publishes to the alarm
 * topic, each function has its errors and throttles alarm, and every business metric an alarm or the dashboard reads
 * is one functions.md's metrics table lists (its section "Metrics (CloudWatch EMF)") (and, for the metrics this code writes, one {@link EmfWriter} names).
 */
class TemplateAlarmsTest {

    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final Path FUNCTIONS_MD = Path.of("functions.md");
    private static final String NAMESPACE_REF = "MetricsNamespace";
    private static final List<String> BUSINESS_ALARMS = List.of("DeliveryFailuresAlarm", "ParkedCallbacksAlarm",
            "TributeUnreachableAlarm", "ExchangerUnreachableAlarm", "MerchantUnreachableAlarm",
            "ReconcileFailuresAlarm", "LowStockAlarm");
    /** Its own section: a one-word heading would be taken for a function's (FunctionInventoryTest). */
    private static final Pattern METRICS_HEADING = Pattern.compile("^## .*\\bmetrics\\b", Pattern.MULTILINE
            | Pattern.CASE_INSENSITIVE);
    private static final Pattern METRIC_ROW = Pattern.compile("^\\| `(\\w+)` \\|", Pattern.MULTILINE);
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([\\w:]+)(?:\\.(\\w+))?}");
    private static final Pattern SEARCHED_METRIC = Pattern.compile("MetricName=\\\\?\"(\\w+)\\\\?\"");

    @Test
    void everyNamedAlarm_andEachFunctionsErrorsAndThrottles_shouldExist_andPublishToTheAlarmTopic()
            throws IOException {
        Map<String, Object> resources = map(CloudFormationYaml.read(TEMPLATE).get("Resources"));
        List<String> expected = new ArrayList<>(BUSINESS_ALARMS);
        for (String function : functions(resources)) {
            String logical = function.substring(0, function.length() - "Function".length());
            expected.add(logical + "ErrorsAlarm");
            expected.add(logical + "ThrottlesAlarm");
            assertLambdaAlarm(resources, logical + "ErrorsAlarm", "Errors", function);
            assertLambdaAlarm(resources, logical + "ThrottlesAlarm", "Throttles", function);
        }
        assertTrue(functions(resources).size() > 20, "the functions were found");
        assertEquals(new TreeSet<>(expected), alarms(resources), "alarms in template.yaml");
        for (String alarm : alarms(resources)) {
            Map<String, Object> properties = properties(resources, alarm);
            assertEquals(List.of("AlarmTopic"), properties.get("AlarmActions"), alarm);
            assertTrue(properties.containsKey("AlarmDescription"), alarm);
            assertEquals("notBreaching", properties.get("TreatMissingData"), alarm + ": a metric written on events");
        }
        assertEquals("AWS::SNS::Topic", map(resources.get("AlarmTopic")).get("Type"));
    }

    @Test
    void theEmailSubscription_shouldExistOnlyWhenAlarmEmailIsGiven() throws IOException {
        Map<String, Object> template = CloudFormationYaml.read(TEMPLATE);
        Map<String, Object> subscription = map(map(template.get("Resources")).get("AlarmEmailSubscription"));

        assertEquals("", map(map(template.get("Parameters")).get("AlarmEmail")).get("Default"));
        assertEquals(List.of(List.of("AlarmEmail", "")), map(template.get("Conditions")).get("HasAlarmEmail"),
                "HasAlarmEmail: !Not [!Equals [!Ref AlarmEmail, '']]");
        assertEquals("HasAlarmEmail", subscription.get("Condition"));
        Map<String, Object> properties = map(subscription.get("Properties"));
        assertEquals(Map.of("TopicArn", "AlarmTopic", "Protocol", "email", "Endpoint", "AlarmEmail"), properties);
    }

    @Test
    void businessAlarms_shouldReadMetricsTheCodeWrites() throws IOException {
        Map<String, Object> template = CloudFormationYaml.read(TEMPLATE);
        Map<String, Object> resources = map(template.get("Resources"));
        Set<String> documented = documentedMetrics();
        assertTrue(documented.containsAll(List.of(EmfWriter.LOW_STOCK, EmfWriter.RECONCILE_FAILURES)), documented
                .toString());
        for (String alarm : BUSINESS_ALARMS) {
            Map<String, Object> properties = properties(resources, alarm);
            if (NAMESPACE_REF.equals(properties.get("Namespace"))) {
                assertTrue(documented.contains((String) properties.get("MetricName")), alarm + " reads "
                        + properties.get("MetricName") + ", which functions.md's Metrics table does not list");
            }
        }
        assertEquals(EmfWriter.LOW_STOCK, properties(resources, "LowStockAlarm").get("MetricName"));
        assertEquals(EmfWriter.RECONCILE_FAILURES, properties(resources, "ReconcileFailuresAlarm").get("MetricName"));
        assertEquals("CallbacksParked", properties(resources, "ParkedCallbacksAlarm").get("MetricName"));
        Map<String, Object> environment = map(map(map(template.get("Globals")).get("Function")).get("Environment"));
        assertEquals(NAMESPACE_REF, map(environment.get("Variables")).get("METRICS_NAMESPACE"),
                "the functions write to the namespace the alarms read");
    }

    @Test
    void eachProvider_shouldHaveItsUnreachableAlarm_over15Minutes() throws IOException {
        Map<String, Object> resources = map(CloudFormationYaml.read(TEMPLATE).get("Resources"));
        for (Provider provider : Provider.values()) {
            String wire = provider.wire();
            String alarm = Character.toUpperCase(wire.charAt(0)) + wire.substring(1) + "UnreachableAlarm";
            Map<String, Object> properties = properties(resources, alarm);
            assertEquals("ProviderUnreachable", properties.get("MetricName"), alarm);
            assertEquals(List.of(Map.of("Name", "Provider", "Value", wire)), properties.get("Dimensions"), alarm);
            assertEquals(15 * 60, (Integer) properties.get("Period") * (Integer) properties.get("EvaluationPeriods"),
                    alarm);
            assertEquals(properties.get("EvaluationPeriods"), properties.get("DatapointsToAlarm"),
                    alarm + ": unreachable in every period of the 15 minutes");
        }
    }

    @Test
    void theFailureQueueAlarm_shouldWatchTheDeliveryWorkersOnFailureDestination() throws IOException {
        Map<String, Object> resources = map(CloudFormationYaml.read(TEMPLATE).get("Resources"));
        Map<String, Object> worker = properties(resources, "DeliveryWorkerFunction");
        Map<String, Object> stream = map(map(map(worker.get("Events")).get("NewEmailOrders")).get("Properties"));
        String destination = (String) map(map(stream.get("DestinationConfig")).get("OnFailure")).get("Destination");
        String queue = destination.substring(0, destination.indexOf('.'));
        Map<String, Object> alarm = properties(resources, "DeliveryFailuresAlarm");

        assertEquals("AWS::SQS::Queue", map(resources.get(queue)).get("Type"));
        assertEquals("AWS/SQS", alarm.get("Namespace"));
        assertEquals("ApproximateNumberOfMessagesVisible", alarm.get("MetricName"));
        assertEquals(List.of(Map.of("Name", "QueueName", "Value", queue + ".QueueName")), alarm.get("Dimensions"));
        assertEquals("GreaterThanThreshold", alarm.get("ComparisonOperator"));
        assertEquals(0, alarm.get("Threshold"), "one message in the queue is one too many");
    }

    @Test
    void theDashboard_shouldBeJson_referToWhatExists_andReadDocumentedMetrics() throws IOException {
        Map<String, Object> template = CloudFormationYaml.read(TEMPLATE);
        Map<String, Object> resources = map(template.get("Resources"));
        String body = (String) properties(resources, "Dashboard").get("DashboardBody");
        Matcher reference = SUB_REFERENCE.matcher(body);
        List<String> unknown = new ArrayList<>();
        while (reference.find()) {
            String name = reference.group(1);
            boolean exists = name.startsWith("AWS::") || map(template.get("Parameters")).containsKey(name)
                    || resources.containsKey(name);
            if (!exists) {
                unknown.add(reference.group());
            }
        }
        assertEquals(List.of(), unknown, "the dashboard's ${...} name no parameter or resource");
        JsonNode dashboard = Json.parse(SUB_REFERENCE.matcher(body).replaceAll("x"));

        Set<String> read = new TreeSet<>();
        Set<String> lambda = new TreeSet<>();
        for (JsonNode widget : dashboard.path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                String expression = metric.path(0).path("expression").asText("");
                Matcher searched = SEARCHED_METRIC.matcher(expression);
                if (searched.find()) {
                    (expression.contains("AWS/Lambda") ? lambda : read).add(searched.group(1));
                } else if ("x".equals(metric.path(0).asText())) {
                    read.add(metric.path(1).asText());
                }
            }
        }
        assertEquals(documentedMetrics(), read, "the dashboard shows every business metric, and only those");
        assertEquals(Set.of("ConcurrentExecutions", "Duration", "Errors", "Invocations", "Throttles"), lambda);
        assertTrue(body.contains("DeliveryFailures.QueueName"), "the failure queue is on the dashboard");
    }

    private static void assertLambdaAlarm(Map<String, Object> resources, String alarm, String metric,
            String function) {
        Map<String, Object> properties = properties(resources, alarm);
        assertEquals("AWS/Lambda", properties.get("Namespace"), alarm);
        assertEquals(metric, properties.get("MetricName"), alarm);
        assertEquals(List.of(Map.of("Name", "FunctionName", "Value", function)), properties.get("Dimensions"), alarm);
        assertEquals(1, properties.get("Threshold"), alarm);
        assertEquals("GreaterThanOrEqualToThreshold", properties.get("ComparisonOperator"), alarm);
    }

    private static Set<String> documentedMetrics() throws IOException {
        String text = Files.readString(FUNCTIONS_MD, StandardCharsets.UTF_8);
        Matcher heading = METRICS_HEADING.matcher(text);
        assertTrue(heading.find(), "functions.md has a section on the metrics");
        int start = heading.start();
        int end = text.indexOf("\n## ", start + 1);
        Matcher row = METRIC_ROW.matcher(text.substring(start, end < 0 ? text.length() : end));
        Set<String> metrics = new TreeSet<>();
        while (row.find()) {
            metrics.add(row.group(1));
        }
        return metrics;
    }

    private static List<String> functions(Map<String, Object> resources) {
        return resources.entrySet().stream()
                .filter(entry -> "AWS::Serverless::Function".equals(map(entry.getValue()).get("Type")))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static Set<String> alarms(Map<String, Object> resources) {
        Set<String> alarms = new TreeSet<>();
        resources.forEach((name, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(map(resource).get("Type"))) {
                alarms.add(name);
            }
        });
        return alarms;
    }

    private static Map<String, Object> properties(Map<String, Object> resources, String name) {
        assertTrue(resources.containsKey(name), name + " in template.yaml");
        return map(map(resources.get(name)).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
