package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.local.LocalStack;

/** template.yaml's LogLevel and run-local's LOG_LEVEL mean the same: the functions' root level, same values. */
class LogLevelTest {

    @Test
    void theTemplatesLogLevel_shouldBeEveryFunctionsRootLevel_withTheValuesRunLocalTakes() throws IOException {
        Map<String, Object> template = CloudFormationYaml.read(Path.of("template.yaml"));
        Map<String, Object> parameter = map(map(template.get("Parameters")).get("LogLevel"));
        Map<String, Object> variables = map(map(map(map(template.get("Globals")).get("Function"))
                .get("Environment")).get("Variables"));

        assertEquals(LocalStack.LOG_LEVELS, parameter.get("AllowedValues"));
        assertEquals("LogLevel", variables.get("QUARKUS_LOG_LEVEL"));
    }

    @Test
    void runLocalsLogLevel_shouldSetTheSameVariable_andRefuseWhatTheTemplateRefuses() {
        assertEquals(Map.of("QUARKUS_LOG_LEVEL", "DEBUG"), LocalStack.logLevel("debug"));
        assertEquals(Map.of(), LocalStack.logLevel(null));
        assertEquals(Map.of(), LocalStack.logLevel(" "));
        assertThrows(IllegalArgumentException.class, () -> LocalStack.logLevel("TRACE"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
