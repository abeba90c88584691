package cc.marix.reseller.secrets;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a secret from the AWS Parameters and Secrets Lambda Extension: {@code GET
 * http://localhost:<port>/secretsmanager/get?secretId=<name or ARN>} with the function's session token in
 * {@code X-Aws-Parameters-Secrets-Token}. The extension answers as Secrets Manager's GetSecretValue does; our secrets
 * hold a flat JSON object in {@code SecretString}, whose fields this returns.
 *
 * <p>Plain JDK HTTP and a Jackson tree, no CDI: the SMTP config source uses it before the container exists, and
 * nothing here needs reflection in a native image. No value is ever put into a message or a log line.
 */
public final class SecretsExtensionClient {

    public static final String PATH = "/secretsmanager/get";
    public static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";

    private final URI endpoint;
    private final String sessionToken;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public SecretsExtensionClient(int port, String sessionToken, Duration timeout) {
        this.endpoint = URI.create("http://localhost:" + port + PATH);
        this.sessionToken = sessionToken == null ? "" : sessionToken;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The fields of {@code secretId}'s JSON object, as strings. */
    public Map<String, String> fields(String secretId) {
        JsonNode secretString = secretString(secretId);
        JsonNode object;
        try {
            object = json.readTree(secretString.asText());
        } catch (IOException e) {
            // the parser's message may quote the text it choked on: the secret's value
            throw new SecretsException("secret " + secretId + ": SecretString is not a JSON object");
        }
        if (object == null || !object.isObject()) {
            throw new SecretsException("secret " + secretId + ": SecretString is not a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                fields.put(field.getKey(), field.getValue().asText());
            }
        }
        return fields;
    }

    private JsonNode secretString(String secretId) {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(endpoint + "?secretId=" + URLEncoder.encode(secretId, StandardCharsets.UTF_8)))
                .header(TOKEN_HEADER, sessionToken)
                .timeout(timeout)
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SecretsException("secret " + secretId + ": the secrets extension on " + endpoint.getAuthority()
                    + " cannot be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretsException("secret " + secretId + ": interrupted while reading it", e);
        }
        if (response.statusCode() != 200) {
            // the body is Secrets Manager's error; only its status is repeated, so nothing of it can leak
            throw new SecretsException("secret " + secretId + ": the secrets extension answered "
                    + response.statusCode() + " (missing secret, no permission, or a wrong session token)");
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new SecretsException("secret " + secretId + ": the secrets extension's answer is not JSON");
        }
        JsonNode secretString = answer == null ? null : answer.get("SecretString");
        if (secretString == null || !secretString.isTextual()) {
            throw new SecretsException("secret " + secretId + ": no SecretString (a binary secret?)");
        }
        return secretString;
    }
}
