package cc.marix.reseller.hooks;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A reseller webhook's body, in the Standard Webhooks shape: {@code data} is what the API's GET route answers. */
@RegisterForReflection
public record WebhookBody(String type, String timestamp, Object data) {
}
