package cc.marix.reseller.order;

import java.util.HashMap;
import java.util.Map;

import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The two keys that make a partner notification exactly-once. {@code PEVENT#<partner>#<eventId>} is the fast path for
 * retries (and detects one event id reused for another body); it expires. {@code PEXT#<partner>#<externalOrderId>} is
 * the real guarantee, because the external order id is covered by the signature; it never expires. The answer (which
 * holds the codes) is stored once, on the external-order key: the same body names the same external order, so a
 * retried event finds its answer there, in the same cancelled transaction; the event key keeps only what tells a reused
 * event id apart (the body's hash) and the order it made.
 */
final class IdempotencyItems {

    static final String ORDER_ID = "orderId";
    static final String BODY_HASH = "bodyHash";
    static final String HTTP_STATUS = "httpStatus";
    static final String RESPONSE = "response";

    private IdempotencyItems() {
    }

    static Map<String, AttributeValue> eventKey(String partner, String eventId) {
        return Attrs.key("PEVENT#" + partner + "#" + eventId, "PEVENT");
    }

    static Map<String, AttributeValue> externalKey(String partner, String externalOrderId) {
        return Attrs.key("PEXT#" + partner + "#" + externalOrderId, "PEXT");
    }

    /** The external-order key, with the answer to give every repeat. */
    static Map<String, AttributeValue> externalItem(String partner, String externalOrderId, StoredResponse response) {
        Map<String, AttributeValue> item = new HashMap<>(externalKey(partner, externalOrderId));
        item.put(ORDER_ID, Attrs.s(response.orderId()));
        item.put(BODY_HASH, Attrs.s(response.bodyHash()));
        item.put(HTTP_STATUS, Attrs.n(response.httpStatus()));
        item.put(RESPONSE, Attrs.s(response.json()));
        return item;
    }

    /** The event key, expiring: the body's hash and the order, not the answer (the external-order key holds it). */
    static Map<String, AttributeValue> eventItem(String partner, String eventId, StoredResponse response,
            long expiresAtEpochSecond) {
        Map<String, AttributeValue> item = new HashMap<>(eventKey(partner, eventId));
        item.put(ORDER_ID, Attrs.s(response.orderId()));
        item.put(BODY_HASH, Attrs.s(response.bodyHash()));
        item.put(TableSchema.TTL, Attrs.n(expiresAtEpochSecond));
        return item;
    }

    /** Event keys written before the answer moved to the external-order key still hold a copy. */
    static boolean holdsAnswer(Map<String, AttributeValue> item) {
        return item.containsKey(RESPONSE);
    }

    static boolean sameBody(Map<String, AttributeValue> item, String bodyHash) {
        return bodyHash.equals(Attrs.str(item, BODY_HASH));
    }

    static StoredResponse fromItem(Map<String, AttributeValue> item) {
        return new StoredResponse(Attrs.str(item, ORDER_ID), Attrs.str(item, BODY_HASH),
                (int) Attrs.longValue(item, HTTP_STATUS, 200), Attrs.str(item, RESPONSE));
    }

    static boolean isEventKey(Map<String, AttributeValue> item) {
        return "PEVENT".equals(Attrs.str(item, TableSchema.SK));
    }
}
