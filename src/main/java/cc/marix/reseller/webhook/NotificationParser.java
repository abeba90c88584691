package cc.marix.reseller.webhook;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.api.EmailAddress;
import cc.marix.reseller.api.JsonBodies;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.catalog.Localized;
import cc.marix.reseller.delivery.CallbackUrlPolicy;
import cc.marix.reseller.support.Ids;

/** Parses a verified notification body; every problem is reported at once, FastAPI style, under {@code body}. */
final class NotificationParser {

    static final String ORDER_PAID = "order.paid";
    static final Pattern LANGUAGE = Pattern.compile("ru|en");
    static final int MAX_EXTERNAL_ID = 128;
    static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

    private NotificationParser() {
    }

    static PartnerNotification parse(byte[] body, ObjectMapper json, int maxQty) {
        JsonNode root = JsonBodies.readObject(body, json);
        JsonFields fields = new JsonFields();
        String event = fields.text(root, "event", true, 64, "body");
        if (event != null && !ORDER_PAID.equals(event)) {
            fields.add(Violation.of("Input should be 'order.paid'", "literal_error", "body", "event"));
        }
        String externalOrderId = fields.text(root, "externalOrderId", true, MAX_EXTERNAL_ID, "body");
        String productId = fields.text(root, "productId", true, 36, "body");
        if (productId != null && !Ids.isUuid(productId)) {
            fields.add(Violation.of("Input should be a valid UUID", "uuid_parsing", "body", "productId"));
        }
        Integer qty = fields.integer(root, "qty", true, 1, maxQty, "body");
        BigDecimal amount = fields.amount(root, "amount", false, 2, "body");
        String currency = fields.matching(root, "currency", false, CURRENCY, "a 3-letter currency code", "body");
        String deliveryMode = fields.text(root, "deliveryMode", false, 16, "body");
        String customerEmail = null;
        String callbackUrl = null;
        String language = null;
        if (PartnerNotification.MODE_EMAIL.equals(deliveryMode)) {
            customerEmail = fields.matching(root, "customerEmail", true, EmailAddress.PATTERN, "a valid e-mail address", "body");
            callbackUrl = fields.text(root, "callbackUrl", true, CallbackUrlPolicy.MAX_LENGTH, "body");
            language = Optional.ofNullable(fields.matching(root, "language", false, LANGUAGE, "'ru' or 'en'", "body"))
                    .orElse(Localized.DEFAULT_LANGUAGE);
        } else if (deliveryMode != null) {
            fields.add(Violation.of("Input should be 'email' or absent", "literal_error", "body", "deliveryMode"));
        }
        fields.check();
        return new PartnerNotification(event, externalOrderId, productId.toLowerCase(Locale.ROOT), qty, amount,
                currency == null ? null : currency.toLowerCase(Locale.ROOT),
                deliveryMode == null ? PartnerNotification.MODE_SYNC : deliveryMode, customerEmail, callbackUrl,
                language);
    }
}
