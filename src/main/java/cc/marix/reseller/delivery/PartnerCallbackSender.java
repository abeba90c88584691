package cc.marix.reseller.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.signing.StandardWebhookSignature;

/**
 * POSTs a signed callback: {@code X-Signature} exactly as partners sign us, plus the Standard Webhooks headers. Never
 * follows redirects (a redirect could point anywhere, past the URL check), and reads no more of the answer than
 * its status.
 */
@ApplicationScoped
public class PartnerCallbackSender {

    static final String USER_AGENT = "reseller-callbacks/1.0";

    private final HttpClient http;
    private final Duration requestTimeout;

    public PartnerCallbackSender(AppConfig config) {
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.delivery().connectTimeout())
                .build();
        this.requestTimeout = config.delivery().requestTimeout();
    }

    /**
     * Signs with every live secret, so a partner still on the secret being rotated out can verify:
     * {@code webhook-signature} lists one {@code v1,} signature per secret (as Standard Webhooks allows), and
     * {@code X-Signature} uses the newest.
     */
    public CallbackResult send(URI target, byte[] body, List<String> secrets, String webhookId,
            long timestampSeconds) {
        String newest = secrets.get(secrets.size() - 1);
        String signatures = secrets.stream()
                .map(secret -> StandardWebhookSignature.sign(secret, webhookId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
        return post(standardWebhook(target, body, webhookId, timestampSeconds, signatures)
                .header("X-Signature", PartnerSignature.sign(newest, body)).build());
    }

    /**
     * A reseller's webhook: the Standard Webhooks headers only, one {@code v1,} signature per live key (the decoded
     * bytes of each {@code whsec_} secret), so the official Standard Webhooks libraries verify it unchanged.
     */
    public CallbackResult sendStandard(URI target, byte[] body, List<byte[]> keys, String webhookId,
            long timestampSeconds) {
        String signatures = keys.stream()
                .map(key -> StandardWebhookSignature.sign(key, webhookId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
        return post(standardWebhook(target, body, webhookId, timestampSeconds, signatures).build());
    }

    private HttpRequest.Builder standardWebhook(URI target, byte[] body, String webhookId, long timestampSeconds,
            String signatures) {
        return HttpRequest.newBuilder(target)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestampSeconds))
                .header("webhook-signature", signatures)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private CallbackResult post(HttpRequest request) {
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return CallbackResult.answered(response.statusCode());
        } catch (IOException e) {
            return CallbackResult.noAnswer(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CallbackResult.noAnswer("interrupted");
        }
    }
}
