package cc.marix.reseller.lambda;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** template.yaml's functions by APP_FUNCTION, with the statements of their inline policies. */
final class TemplateFunctions {

    private TemplateFunctions() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, List<Map<String, Object>>> statements(Path template) throws IOException {
        Map<String, Object> resources = (Map<String, Object>) CloudFormationYaml.read(template).get("Resources");
        Map<String, List<Map<String, Object>>> byFunction = new TreeMap<>();
        for (Object value : resources.values()) {
            Map<String, Object> resource = (Map<String, Object>) value;
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                continue;
            }
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            Map<String, Object> environment = (Map<String, Object>) properties.get("Environment");
            Map<String, Object> variables = (Map<String, Object>) environment.get("Variables");
            List<Map<String, Object>> statements = new ArrayList<>();
            for (Object policy : (List<Object>) properties.getOrDefault("Policies", List.of())) {
                if (policy instanceof Map<?, ?> document && document.get("Statement") instanceof List<?> list) {
                    list.forEach(statement -> statements.add((Map<String, Object>) statement));
                }
            }
            byFunction.put((String) variables.get("APP_FUNCTION"), statements);
        }
        return byFunction;
    }
}
