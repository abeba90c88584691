package cc.marix.reseller.provider;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Our answer to a verified provider callback: 200 with what it did ({@code duplicate}, {@code recorded},
 * {@code advanced}, {@code credited}, {@code closed}, {@code refunded}, or {@code ignored} for news about nothing of
 * ours), so the provider stops retrying it.
 */
@RegisterForReflection
public record CallbackAnswer(String result, String paymentId) {
}
