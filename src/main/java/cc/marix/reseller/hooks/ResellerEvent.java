package cc.marix.reseller.hooks;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a change of the table means to a reseller, read from one stream record (old and new images): an order of
 * theirs became {@code completed} or {@code cancelled}, a top-up {@code completed} or {@code failed} (or
 * {@code expired}: it will not credit either), or a balance's figures moved. {@code subjectId} is the order's or
 * top-up's id (the user's id for a balance). The event id is derived from what happened, not from the record: an
 * order completes once, whatever record says so again; a balance change is the record itself (its {@code eventID},
 * the same when Lambda delivers the record again).
 */
public record ResellerEvent(WebhookEventType type, String eventId, String userId, String subjectId) {

    static final String ORDER_PREFIX = "ORDER#";
    static final String PAYMENT_PREFIX = "PAYMENT#";
    static final String USER_PREFIX = "USER#";
    static final String BALANCE_SK_PREFIX = "BALANCE#";
    static final List<String> BALANCE_FIGURES = List.of("available", "reserved", "pending");
    static final List<String> TOPUP_PURPOSES = List.of("crypto", "fiat");

    /** The event a stream record carries, if any. */
    public static Optional<ResellerEvent> of(JsonNode record) {
        JsonNode change = record.path("dynamodb");
        String pk = change.path("Keys").path("pk").path("S").asText();
        String sk = change.path("Keys").path("sk").path("S").asText();
        JsonNode newImage = change.path("NewImage");
        JsonNode oldImage = change.path("OldImage");
        if (newImage.isMissingNode()) {
            return Optional.empty();
        }
        if (pk.startsWith(ORDER_PREFIX) && sk.equals("ORDER")) {
            return order(pk.substring(ORDER_PREFIX.length()), newImage, oldImage);
        }
        if (pk.startsWith(PAYMENT_PREFIX) && sk.equals("PAYMENTREC")) {
            return topUp(pk.substring(PAYMENT_PREFIX.length()), newImage, oldImage);
        }
        if (pk.startsWith(USER_PREFIX) && sk.startsWith(BALANCE_SK_PREFIX)) {
            return balance(pk.substring(USER_PREFIX.length()), newImage, oldImage, record.path("eventID").asText());
        }
        return Optional.empty();
    }

    private static Optional<ResellerEvent> order(String orderId, JsonNode newImage, JsonNode oldImage) {
        String userId = text(newImage, "userId");
        String status = text(newImage, "status");
        if (userId == null || status == null || status.equals(text(oldImage, "status"))) {
            return Optional.empty();
        }
        WebhookEventType type = switch (status) {
            case "completed" -> WebhookEventType.ORDER_COMPLETED;
            case "cancelled" -> WebhookEventType.ORDER_CANCELLED;
            default -> null;
        };
        return type == null ? Optional.empty() : Optional.of(new ResellerEvent(type,
                WebhookMessageItems.eventId(type.wire() + "/" + orderId), userId, orderId));
    }

    private static Optional<ResellerEvent> topUp(String paymentId, JsonNode newImage, JsonNode oldImage) {
        String userId = text(newImage, "userId");
        String status = text(newImage, "status");
        if (userId == null || status == null || !TOPUP_PURPOSES.contains(text(newImage, "purpose"))
                || status.equals(text(oldImage, "status"))) {
            return Optional.empty();
        }
        WebhookEventType type = switch (status) {
            case "completed" -> WebhookEventType.TOPUP_COMPLETED;
            case "failed", "expired" -> WebhookEventType.TOPUP_FAILED;
            default -> null;
        };
        // a failed top-up that is paid late completes after all: that is another event, topup.completed
        return type == null ? Optional.empty() : Optional.of(new ResellerEvent(type,
                WebhookMessageItems.eventId(type.wire() + "/" + paymentId), userId, paymentId));
    }

    private static Optional<ResellerEvent> balance(String userId, JsonNode newImage, JsonNode oldImage,
            String recordId) {
        boolean moved = BALANCE_FIGURES.stream()
                .anyMatch(figure -> amount(newImage, figure).compareTo(amount(oldImage, figure)) != 0);
        return moved && !recordId.isEmpty() ? Optional.of(new ResellerEvent(WebhookEventType.BALANCE_CHANGED,
                WebhookMessageItems.eventId(WebhookEventType.BALANCE_CHANGED.wire() + "/" + recordId), userId,
                userId)) : Optional.empty();
    }

    private static String text(JsonNode image, String attribute) {
        JsonNode value = image.path(attribute).path("S");
        return value.isTextual() ? value.asText() : null;
    }

    /** A figure absent (or not a number) counts as zero, as the balance route shows it. */
    private static BigDecimal amount(JsonNode image, String attribute) {
        JsonNode value = image.path(attribute).path("N");
        try {
            return value.isTextual() ? new BigDecimal(value.asText()) : BigDecimal.ZERO;
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
