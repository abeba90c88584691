package cc.marix.reseller.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import cc.marix.reseller.order.StepState;
import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item layout of reseller webhook deliveries: a message {@code HOOKMSG#<messageId>} per event and endpoint (gsi1
 * {@code HOOKMSGS#<endpointId>} by creation time, for replays; gsi2 {@code WEBHOOK_DUE} while an attempt is due), and
 * one marker {@code HOOKEVT#<eventId>} per event fanned out, written with its messages, so a stream record seen
 * again creates nothing. Both expire (TTL) {@link #RETENTION} after the event.
 */
final class WebhookMessageItems {

    static final String PK_PREFIX = "HOOKMSG#";
    static final String SK = "HOOKMSG";
    static final String EVENT_PK_PREFIX = "HOOKEVT#";
    static final String EVENT_SK = "HOOKEVT";
    static final String BY_ENDPOINT = "HOOKMSGS#";
    static final String DUE = "WEBHOOK_DUE";
    static final Duration RETENTION = Duration.ofDays(30);

    static final String MESSAGE_ID = "messageId";
    static final String EVENT_ID = "eventId";
    static final String TYPE = "type";
    static final String USER_ID = "userId";
    static final String ENDPOINT_ID = "endpointId";
    static final String BODY = "body";
    static final String CREATED_AT = "createdAt";
    static final String STATE = "state";
    static final String ATTEMPTS = "attempts";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    static final String LAST_HTTP_STATUS = "lastHttpStatus";
    static final String LEASE_TOKEN = "leaseToken";
    static final String LEASE_UNTIL = "leaseUntil";
    static final String LEASE_WRITE = "leaseWrite";

    private WebhookMessageItems() {
    }

    /** {@code msg_} + 32 hex characters of SHA-256 over the event and the endpoint: the same for every fan-out. */
    static String messageId(String eventId, String endpointId) {
        return "msg_" + hash(eventId + "/" + endpointId);
    }

    /** {@code evt_} + 32 hex characters of SHA-256 over what makes the event unique. */
    static String eventId(String identity) {
        return "evt_" + hash(identity);
    }

    private static String hash(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    static Map<String, AttributeValue> key(String messageId) {
        return Attrs.key(PK_PREFIX + messageId, SK);
    }

    static Map<String, AttributeValue> eventKey(String eventId) {
        return Attrs.key(EVENT_PK_PREFIX + eventId, EVENT_SK);
    }

    static Map<String, AttributeValue> eventMarker(String eventId, String userId, WebhookEventType type,
            Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(eventKey(eventId));
        item.put(USER_ID, Attrs.s(userId));
        item.put(TYPE, Attrs.s(type.wire()));
        item.put(TableSchema.TTL, Attrs.n(at.plus(RETENTION).getEpochSecond()));
        return item;
    }

    static Map<String, AttributeValue> toItem(WebhookMessage message, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(message.id()));
        item.put(MESSAGE_ID, Attrs.s(message.id()));
        item.put(EVENT_ID, Attrs.s(message.eventId()));
        item.put(TYPE, Attrs.s(message.type().wire()));
        item.put(USER_ID, Attrs.s(message.userId()));
        item.put(ENDPOINT_ID, Attrs.s(message.endpointId()));
        item.put(BODY, Attrs.s(message.body()));
        item.put(CREATED_AT, Attrs.s(message.createdAt()));
        item.put(TableSchema.GSI1_PK, Attrs.s(BY_ENDPOINT + message.endpointId()));
        item.put(TableSchema.GSI1_SK, Attrs.s(message.createdAt() + "#" + message.id()));
        item.put(TableSchema.TTL, Attrs.n(at.plus(RETENTION).getEpochSecond()));
        item.putAll(state(message));
        return item;
    }

    /** The attributes an attempt changes (the due index among them, while an attempt is due). */
    static Map<String, AttributeValue> state(WebhookMessage message) {
        Map<String, AttributeValue> state = new HashMap<>();
        state.put(STATE, Attrs.s(message.state().wire()));
        state.put(ATTEMPTS, Attrs.n(message.attempts()));
        if (message.lastHttpStatus() != null) {
            state.put(LAST_HTTP_STATUS, Attrs.n(message.lastHttpStatus()));
        }
        if (message.nextAttemptAt() != null) {
            state.put(NEXT_ATTEMPT_AT, Attrs.s(message.nextAttemptAt()));
            state.put(TableSchema.GSI2_PK, Attrs.s(DUE));
            state.put(TableSchema.GSI2_SK, Attrs.s(message.nextAttemptAt() + "#" + message.id()));
        }
        return state;
    }

    static WebhookMessage fromItem(Map<String, AttributeValue> item) {
        AttributeValue status = item.get(LAST_HTTP_STATUS);
        return new WebhookMessage(Attrs.str(item, MESSAGE_ID), Attrs.str(item, EVENT_ID),
                WebhookEventType.fromWire(Attrs.str(item, TYPE)).orElseThrow(), Attrs.str(item, USER_ID),
                Attrs.str(item, ENDPOINT_ID), Attrs.str(item, BODY), Attrs.str(item, CREATED_AT),
                StepState.fromWire(Attrs.str(item, STATE)), (int) Attrs.longValue(item, ATTEMPTS, 0),
                Attrs.str(item, NEXT_ATTEMPT_AT), status == null ? null : Integer.valueOf(status.n()));
    }
}
