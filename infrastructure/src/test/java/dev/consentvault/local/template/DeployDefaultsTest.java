package dev.consentvault.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.local.LocalRun;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What a deploy with the template's defaults gets: no invented controller, alarms that notify. */
class DeployDefaultsTest {

    private static final SamTemplate TEMPLATE =
            SamTemplate.load(LocalRun.projectRoot().resolve("template.yaml"));
    private static final List<String> REQUIRED =
            List.of("ControllerName", "ControllerContact", "ControllerPolicyUrl", "AllowedOrigins");

    private static Intrinsics evaluate(Map<String, Object> parameters) {
        return new Intrinsics(
                TEMPLATE,
                parameters,
                "consent-vault",
                "us-east-1",
                "123456789012",
                id -> id,
                (id, attribute) -> id + "." + attribute);
    }

    @Test
    void theControllerMustBeNamedByWhoeverDeploys() {
        for (String name : REQUIRED) {
            Map<?, ?> definition = (Map<?, ?>) TEMPLATE.parameters().get(name);
            assertNull(definition.get("Default"), name + " has no default to fall back on");
        }
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> evaluate(Map.of()));
        for (String name : REQUIRED) {
            assertTrue(refused.getMessage().contains(name), refused.getMessage());
        }
    }

    @Test
    void blankOrNonHttpsControllerValuesAreRefusedAsCloudFormationWould() {
        for (Map.Entry<String, String> bad :
                Map.of(
                                "ControllerName", "   ",
                                "ControllerContact", "",
                                "ControllerPolicyUrl", "http://example.com/privacy",
                                "AlertsEmail", "not an email")
                        .entrySet()) {
            Map<String, Object> parameters = new HashMap<>(LocalRun.demoParameters());
            parameters.put(bad.getKey(), bad.getValue());
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> evaluate(parameters));
            assertTrue(refused.getMessage().contains(bad.getKey()), refused.getMessage());
        }
    }

    @Test
    void theLocalRunNamesItsDemoControllerInCode() {
        Intrinsics local = evaluate(LocalRun.demoParameters());
        assertEquals("Example Brand Ltd", local.resolve(Map.of("Ref", "ControllerName")));
        assertEquals("", local.resolve(Map.of("Ref", "AlertsEmail")), "alerts email is optional");
    }

    @Test
    void everyAlarmNotifiesTheAlertsTopic() {
        Map<String, Map<String, Object>> alarms =
                TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm");
        assertFalse(alarms.isEmpty());
        Map<String, Object> topicRef = Map.of("Ref", "AlertsTopic");
        alarms.forEach(
                (id, alarm) -> {
                    Map<String, Object> properties = SamTemplate.properties(alarm);
                    assertEquals(List.of(topicRef), properties.get("AlarmActions"), id);
                    assertEquals(List.of(topicRef), properties.get("OKActions"), id);
                });
        Map<String, Object> topic = SamTemplate.properties(TEMPLATE.resources().get("AlertsTopic"));
        assertEquals(Map.of("Ref", "ConsentKey"), topic.get("KmsMasterKeyId"));
        assertEquals(
                "HasAlertsEmail",
                TEMPLATE.resources().get("AlertsEmailSubscription").get("Condition"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMonthlyReportReadsEveryDeadLetterAndOnFailureQueue() {
        Set<String> destinations = new TreeSet<>();
        collectFailureQueues(TEMPLATE.resources(), false, destinations);
        destinations.retainAll(TEMPLATE.resourcesOfType("AWS::SQS::Queue").keySet());
        assertTrue(destinations.size() >= 8, destinations.toString());
        Map<String, Object> variables =
                (Map<String, Object>)
                        ((Map<String, Object>)
                                        SamTemplate.properties(
                                                        TEMPLATE.resources()
                                                                .get("MonthlyReportFunction"))
                                                .get("Environment"))
                                .get("Variables");
        String listed =
                (String) ((Map<String, Object>) variables.get("DEAD_LETTER_QUEUES")).get("Fn::Sub");
        Set<String> named = new TreeSet<>();
        for (String pair : listed.split(" ")) {
            String[] nameAndRef = pair.split("=", 2);
            String id = nameAndRef[1].substring(2, nameAndRef[1].length() - 1);
            named.add(id);
            Map<String, Object> queueName =
                    (Map<String, Object>)
                            SamTemplate.properties(TEMPLATE.resources().get(id)).get("QueueName");
            assertEquals("${AWS::StackName}-" + nameAndRef[0], queueName.get("Fn::Sub"), pair);
        }
        assertEquals(destinations, named, "every dead-letter and on-failure queue, no other");
    }

    /** The logical ids under a RedrivePolicy's deadLetterTargetArn or an OnFailure destination. */
    @SuppressWarnings("unchecked")
    private static void collectFailureQueues(Object node, boolean inside, Set<String> ids) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> {
                        boolean target =
                                inside
                                        || "deadLetterTargetArn".equals(key)
                                        || "OnFailure".equals(key);
                        if (target && ("Ref".equals(key) || "Fn::GetAtt".equals(key))) {
                            ids.add(
                                    value instanceof List<?> list
                                            ? String.valueOf(list.get(0))
                                            : String.valueOf(value).split("\\.")[0]);
                        }
                        collectFailureQueues(value, target, ids);
                    });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectFailureQueues(item, inside, ids));
        }
    }

    /** The alarm on {@code namespace/metric} whose dimension {@code name} refers to {@code ref}. */
    private static List<String> alarmsOn(String namespace, String metric, String name, String ref) {
        Map<String, Object> dimension = Map.of("Name", name, "Value", Map.of("Ref", ref));
        return TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").entrySet().stream()
                .filter(
                        alarm -> {
                            Map<String, Object> p = SamTemplate.properties(alarm.getValue());
                            return namespace.equals(p.get("Namespace"))
                                    && metric.equals(p.get("MetricName"))
                                    && List.of(dimension).equals(p.get("Dimensions"));
                        })
                .map(Map.Entry::getKey)
                .toList();
    }

    @Test
    void someoneHearsOfApiErrorsThrottlingAndDeadlinesBeforeTheyPass() {
        assertEquals(
                List.of("ApiServerErrorAlarm"),
                alarmsOn("AWS/ApiGateway", "5xx", "ApiId", "ConsentHttpApi"));
        Set<String> apiFunctions = new TreeSet<>();
        TEMPLATE.functionEvents("HttpApi").forEach(e -> apiFunctions.add(e.functionId()));
        assertFalse(apiFunctions.isEmpty());
        for (String function : apiFunctions) {
            assertEquals(
                    1,
                    alarmsOn("AWS/Lambda", "Throttles", "FunctionName", function).size(),
                    function + " has a throttle alarm");
        }
        // an HTTP API counts its throttled requests (429) only within 4xx
        String throttling =
                String.valueOf(
                        SamTemplate.properties(TEMPLATE.resources().get("ApiThrottlingAlarm"))
                                .get("Metrics"));
        assertTrue(throttling.contains("MetricName=4xx"), throttling);
        for (String metric : List.of("RequestsDueSoon", "RequestsOverdue")) {
            long alarms =
                    TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                            .map(SamTemplate::properties)
                            .filter(
                                    p ->
                                            "ConsentVault".equals(p.get("Namespace"))
                                                    && metric.equals(p.get("MetricName"))
                                                    && "GreaterThanThreshold"
                                                            .equals(p.get("ComparisonOperator"))
                                                    && Integer.valueOf(0)
                                                            .equals(p.get("Threshold")))
                            .count();
            assertEquals(1, alarms, metric + " > 0 alarms");
        }
        assertTrue(
                TEMPLATE.functionEvents("ScheduleV2").stream()
                        .anyMatch(
                                e ->
                                        e.functionId().equals("DeadlineWatchFunction")
                                                && "rate(1 day)"
                                                        .equals(
                                                                e.properties()
                                                                        .get(
                                                                                "ScheduleExpression"))),
                "the deadline watch runs daily");
        assertEquals(
                1,
                alarmsOn("AWS/Lambda", "Errors", "FunctionName", "DeadlineWatchFunction").size(),
                "a failed watch is heard of too");
    }

    @Test
    void everyFunctionIsSnapshottedAndCalledThroughItsPublishedAlias() {
        Map<String, Map<String, Object>> functions =
                TEMPLATE.resourcesOfType("AWS::Serverless::Function");
        assertFalse(functions.isEmpty());
        functions.forEach(
                (id, function) -> {
                    Map<String, Object> properties = TEMPLATE.functionProperties(id);
                    assertEquals(
                            Map.of("ApplyOn", "PublishedVersions"),
                            properties.get("SnapStart"),
                            id);
                    // SnapStart only applies to published versions: without the alias the API
                    // and the event sources would call $LATEST, which is never snapshotted
                    assertEquals("live", properties.get("AutoPublishAlias"), id);
                });
    }
}
