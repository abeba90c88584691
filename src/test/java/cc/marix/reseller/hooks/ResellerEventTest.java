package cc.marix.reseller.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ResellerEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "019dc625-6cc8-7d81-a15c-da225e61b1e1";
    private static final String ORDER = "019dc625-6cc8-7d81-a15c-da225e61b1e0";

    @Test
    void orderBecomingCompleted_shouldBeOrderCompleted_withAnIdOfTheOrderNotTheRecord() {
        ResellerEvent event = ResellerEvent.of(record("r1", "ORDER#" + ORDER, "ORDER",
                image("status", "active", "userId", USER), image("status", "completed", "userId", USER))).orElseThrow();
        assertEquals(WebhookEventType.ORDER_COMPLETED, event.type());
        assertEquals(USER, event.userId());
        assertEquals(ORDER, event.subjectId());
        ResellerEvent again = ResellerEvent.of(record("r2", "ORDER#" + ORDER, "ORDER", null,
                image("status", "completed", "userId", USER))).orElseThrow();
        assertEquals(event.eventId(), again.eventId(), "another record of the same completion is the same event");
        assertTrue(event.eventId().matches("evt_[0-9a-f]{32}"), event.eventId());
    }

    @Test
    void orderCancelled_shouldBeOrderCancelled() {
        assertEquals(WebhookEventType.ORDER_CANCELLED, ResellerEvent.of(record("r1", "ORDER#" + ORDER, "ORDER",
                image("status", "pending_payment", "userId", USER), image("status", "cancelled", "userId", USER)))
                .orElseThrow().type());
    }

    @Test
    void orderWhoseStatusDidNotMove_orWithoutUser_orStillActive_shouldBeNoEvent() {
        assertEquals(Optional.empty(), ResellerEvent.of(record("r1", "ORDER#" + ORDER, "ORDER",
                image("status", "completed", "userId", USER), image("status", "completed", "userId", USER))));
        assertEquals(Optional.empty(), ResellerEvent.of(record("r1", "ORDER#" + ORDER, "ORDER",
                image("status", "active"), image("status", "completed"))));
        assertEquals(Optional.empty(), ResellerEvent.of(record("r1", "ORDER#" + ORDER, "ORDER",
                image("status", "pending_payment", "userId", USER), image("status", "active", "userId", USER))));
    }

    @Test
    void topUps_shouldBeCompletedOrFailed_andAnOrderPaymentNoEvent() {
        assertEquals(WebhookEventType.TOPUP_COMPLETED, topUp("fiat", "pending", "completed").orElseThrow().type());
        assertEquals(WebhookEventType.TOPUP_FAILED, topUp("crypto", "pending", "failed").orElseThrow().type());
        assertEquals(WebhookEventType.TOPUP_FAILED, topUp("crypto", "pending", "expired").orElseThrow().type());
        assertEquals(Optional.empty(), topUp("order", "pending", "completed"));
        assertEquals(Optional.empty(), topUp("fiat", "completed", "completed"));
        assertEquals(Optional.empty(), topUp("fiat", "completed", "refunded"));
    }

    @Test
    void balance_shouldBeAnEventPerRecordThatMovesAFigure() {
        ResellerEvent moved = ResellerEvent.of(record("r1", "USER#" + USER, "BALANCE#rub",
                numbers("available", "10.00"), numbers("available", "10.00", "reserved", "5"))).orElseThrow();
        assertEquals(WebhookEventType.BALANCE_CHANGED, moved.type());
        assertEquals(USER, moved.userId());
        ResellerEvent other = ResellerEvent.of(record("r2", "USER#" + USER, "BALANCE#rub",
                numbers("available", "10.00"), numbers("available", "10.00", "reserved", "5"))).orElseThrow();
        assertNotEquals(moved.eventId(), other.eventId(), "each record is its own change");
        assertEquals(Optional.empty(), ResellerEvent.of(record("r3", "USER#" + USER, "BALANCE#rub",
                numbers("available", "10.00"), numbers("available", "10", "pending", "0"))),
                "10.00 and 10 are the same amount: nothing moved");
        assertTrue(ResellerEvent.of(record("r4", "USER#" + USER, "BALANCE#usdt", null,
                numbers("available", "1.5"))).isPresent(), "a first credit creates the item");
    }

    @Test
    void removedItemsAndOtherItems_shouldBeNoEvent() {
        assertEquals(Optional.empty(), ResellerEvent.of(record("r1", "USER#" + USER, "BALANCE#rub",
                numbers("available", "10.00"), null)));
        assertEquals(Optional.empty(), ResellerEvent.of(record("r1", "USER#" + USER, "USER",
                image("status", "x"), image("status", "y"))));
    }

    private static Optional<ResellerEvent> topUp(String purpose, String before, String after) {
        return ResellerEvent.of(record("r1", "PAYMENT#" + ORDER, "PAYMENTREC",
                image("status", before, "userId", USER, "purpose", purpose),
                image("status", after, "userId", USER, "purpose", purpose)));
    }

    private static ObjectNode record(String eventId, String pk, String sk, ObjectNode oldImage, ObjectNode newImage) {
        ObjectNode record = JSON.createObjectNode().put("eventID", eventId).put("eventSource", "aws:dynamodb");
        ObjectNode change = record.putObject("dynamodb");
        ObjectNode keys = change.putObject("Keys");
        keys.putObject("pk").put("S", pk);
        keys.putObject("sk").put("S", sk);
        if (oldImage != null) {
            change.set("OldImage", oldImage);
        }
        if (newImage != null) {
            change.set("NewImage", newImage);
        }
        return record;
    }

    private static ObjectNode image(String... namesAndValues) {
        ObjectNode image = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            image.putObject(namesAndValues[i]).put("S", namesAndValues[i + 1]);
        }
        return image;
    }

    private static ObjectNode numbers(String... namesAndValues) {
        ObjectNode image = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            image.putObject(namesAndValues[i]).put("N", namesAndValues[i + 1]);
        }
        return image;
    }
}
