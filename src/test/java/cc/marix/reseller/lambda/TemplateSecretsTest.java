package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No function's environment in template.yaml holds a secret: no value resolved from Secrets Manager or SecureString
 * parameters (CloudFormation writes those into the configuration in clear, for anyone with
 * lambda:GetFunctionConfiguration), no variable named like a credential, no reference to a parameter that is one. A
 * variable that points at a secret says so: it ends in _SECRET_NAME or _SECRET_ARN, and the function then has the
 * extension's layer and may read exactly the secrets it names. No name is allowed by exception: none is needed.
 */
class TemplateSecretsTest {

    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final Set<String> SECRET_WORDS = Set.of("KEY", "APIKEY", "SECRET", "PASSWORD", "PASSWD", "PWD",
            "TOKEN", "CREDENTIAL", "CREDENTIALS", "PRIVATE");
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i).*(key|secret|password|token|credential).*");
    private static final Pattern SECRET_ARN = Pattern.compile(
            "arn:\\$\\{AWS::Partition}:secretsmanager:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:secret:\\$\\{(\\w+)}-\\?{6}");
    private static final String LAYER = ":layer:AWS-Parameters-and-Secrets-Lambda-Extension:";

    @Test
    void functionEnvironments_shouldHoldNoSecret_globalsIncluded() throws IOException {
        assertEquals(List.of(), violations(CloudFormationYaml.read(TEMPLATE)));
    }

    @Test
    void check_shouldRefuseWhatTheTemplateOnceHeld(@TempDir Path dir) throws IOException {
        Path old = dir.resolve("template.yaml");
        Files.writeString(old, """
                Parameters:
                  PaymentSecretName: {Type: String}
                  TributeApiKey: {Type: String, NoEcho: true}
                  SigningSalt: {Type: String, NoEcho: true}
                Globals:
                  Function:
                    Environment:
                      Variables:
                        SMTP_PASSWORD: !Sub '{{resolve:secretsmanager:${SmtpSecretName}:SecretString:password}}'
                Resources:
                  PayFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          APP_FUNCTION: order-pay
                          TRIBUTE_API_KEY: plain-value
                          SALT: !Ref SigningSalt
                          KEY_FROM_SSM: '{{resolve:ssm-secure:/reseller/key}}'
                          TRIBUTE: !Ref TributeApiKey
                """);
        List<String> violations = violations(CloudFormationYaml.read(old));
        assertEquals(List.of(
                "Globals: SMTP_PASSWORD is named like a secret",
                "Globals: SMTP_PASSWORD holds a dynamic reference to a secret",
                "PayFunction: TRIBUTE_API_KEY is named like a secret",
                "PayFunction: SALT holds the NoEcho parameter SigningSalt",
                "PayFunction: KEY_FROM_SSM is named like a secret",
                "PayFunction: KEY_FROM_SSM holds a dynamic reference to a secret",
                "PayFunction: TRIBUTE holds the NoEcho parameter TributeApiKey",
                "PayFunction: TRIBUTE holds the secret-like parameter TributeApiKey"), violations);
    }

    @Test
    void secretLikeName_shouldBeTold_fromNamesThatPointAtSecrets() {
        for (String name : List.of("TRIBUTE_API_KEY", "MERCHANT_SECRET", "SMTP_PASSWORD", "AWS_SESSION_TOKEN",
                "APIKEY", "DB_CREDENTIALS", "SECRET_NAME_SUFFIX")) {
            assertTrue(looksSecret(name), name);
        }
        for (String name : List.of("TRIBUTE_SECRET_NAME", "SMTP_SECRET_ARN", "TABLE_NAME", "MAIL_FROM", "SMTP_HOST",
                "EXCHANGER_IPN_URL", "QUARKUS_LOG_LEVEL", "MONKEY_BUSINESS")) {
            assertFalse(looksSecret(name), name);
        }
    }

    @Test
    void functionsNamingSecrets_shouldHaveTheLayer_andReadExactlyThoseSecrets() throws IOException {
        Map<String, Object> template = CloudFormationYaml.read(TEMPLATE);
        Map<String, Object> parameters = map(template.get("Parameters"));
        int withSecrets = 0;
        for (Map.Entry<String, Object> resource : map(template.get("Resources")).entrySet()) {
            if (!"AWS::Serverless::Function".equals(map(resource.getValue()).get("Type"))) {
                continue;
            }
            String name = resource.getKey();
            Map<String, Object> properties = map(map(resource.getValue()).get("Properties"));
            Set<String> named = new TreeSet<>();
            variables(properties).forEach((variable, value) -> {
                if (variable.endsWith("_SECRET_NAME") || variable.endsWith("_SECRET_ARN")) {
                    assertTrue(parameters.containsKey(String.valueOf(value)), name + ": " + variable
                            + " must be a !Ref to a parameter naming the secret");
                    named.add(String.valueOf(value));
                }
            });
            assertEquals(named, readableSecrets(name, properties), name + ": GetSecretValue on exactly its secrets");
            assertEquals(!named.isEmpty(), String.valueOf(properties.get("Layers")).contains(LAYER),
                    name + ": the extension's layer exactly when it reads secrets");
            withSecrets += named.isEmpty() ? 0 : 1;
        }
        // the payment functions, the provider callbacks that confirm with their provider, and the mailers
        assertEquals(10, withSecrets);
    }

    private static Set<String> readableSecrets(String function, Map<String, Object> properties) {
        Set<String> secrets = new TreeSet<>();
        for (Object policy : list(properties.get("Policies"))) {
            for (Object statement : list(map(policy).get("Statement"))) {
                List<Object> actions = list(map(statement).get("Action"));
                if (actions.stream().noneMatch(action -> String.valueOf(action).startsWith("secretsmanager:"))) {
                    continue;
                }
                assertEquals(List.of("secretsmanager:GetSecretValue"), actions, function + ": secrets are only read");
                for (Object resource : list(map(statement).get("Resource"))) {
                    Matcher arn = SECRET_ARN.matcher(String.valueOf(resource));
                    assertTrue(arn.matches(), function + ": " + resource + " is not one secret's ARN");
                    secrets.add(arn.group(1));
                }
            }
        }
        return secrets;
    }

    /** What is wrong with the environments of {@code template}, Globals first, then each function in order. */
    private static List<String> violations(Map<String, Object> template) {
        Map<String, Object> parameters = map(template.get("Parameters"));
        Map<String, Map<String, Object>> environments = new LinkedHashMap<>();
        environments.put("Globals", variables(map(map(template.get("Globals")).get("Function"))));
        map(template.get("Resources")).forEach((name, resource) -> {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))
                    || "AWS::Lambda::Function".equals(map(resource).get("Type"))) {
                environments.put(name, variables(map(map(resource).get("Properties"))));
            }
        });
        List<String> violations = new ArrayList<>();
        environments.forEach((owner, variables) -> variables.forEach((variable, value) -> {
            String text = String.valueOf(value);
            if (looksSecret(variable)) {
                violations.add(owner + ": " + variable + " is named like a secret");
            }
            if (text.contains("{{resolve:secretsmanager") || text.contains("{{resolve:ssm-secure")) {
                violations.add(owner + ": " + variable + " holds a dynamic reference to a secret");
            }
            if (parameters.containsKey(text)) {
                Map<String, Object> parameter = map(parameters.get(text));
                if (Boolean.parseBoolean(String.valueOf(parameter.get("NoEcho")))) {
                    violations.add(owner + ": " + variable + " holds the NoEcho parameter " + text);
                }
                if (SECRET_PARAMETER.matcher(text).matches() && !text.endsWith("SecretName")
                        && !text.endsWith("SecretArn")) {
                    violations.add(owner + ": " + variable + " holds the secret-like parameter " + text);
                }
            }
        }));
        return violations;
    }

    /** A name with a credential's word in it, unless it ends in _SECRET_NAME or _SECRET_ARN. */
    static boolean looksSecret(String variable) {
        String name = variable.toUpperCase(Locale.ROOT);
        if (name.endsWith("_SECRET_NAME") || name.endsWith("_SECRET_ARN")) {
            return false;
        }
        for (String word : name.split("_")) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> variables(Map<String, Object> properties) {
        return map(map(properties.get("Environment")).get("Variables"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        if (value instanceof List) {
            return (List<Object>) value;
        }
        return value == null ? List.of() : List.of(value);
    }
}
