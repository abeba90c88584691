package cc.marix.reseller.hooks;

import cc.marix.reseller.order.StepState;

/**
 * One event for one endpoint: the body (signed as stored, the same on every attempt) and where its delivery stands.
 * {@code id} keys the item (per event and endpoint); {@code eventId} is sent as {@code webhook-id}, the same to every
 * endpoint and on every attempt, so a receiver can drop what it already has.
 * {@code nextAttemptAt} is set (sortable time) while an attempt is due.
 */
public record WebhookMessage(String id, String eventId, WebhookEventType type, String userId, String endpointId,
        String body, String createdAt, StepState state, int attempts, String nextAttemptAt, Integer lastHttpStatus) {

    /** The same message after an attempt (or a replay): its new state, attempts and next attempt. */
    public WebhookMessage after(StepState newState, int newAttempts, String next, Integer httpStatus) {
        return new WebhookMessage(id, eventId, type, userId, endpointId, body, createdAt, newState, newAttempts, next,
                httpStatus);
    }
}
