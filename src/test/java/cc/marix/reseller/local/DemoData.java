package cc.marix.reseller.local;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The demo data of local runs, as admin events: one category, one product with codes, the partner {@code demo}, a
 * usd -> rub rate, and a user of the public API.
 * The product id and the partner secret are those of the ready events in src/test/resources/events, so those events
 * (the signed partner-webhook ones too) work against a local run as they are.
 */
final class DemoData {

    static final String PRODUCT_ID = "019dbf72-70af-7bd1-b60e-a35d4dbba588";
    static final String PRODUCT_SLUG = "demo-game-key";
    static final String PRODUCT_NAME_RU = "Демо-ключ игры";
    static final String PRODUCT_NAME_EN = "Demo game key";
    static final String PARTNER = "demo";
    static final String PARTNER_SECRET = "demo-secret-change-me-0123456789abcdef";
    static final int CODES = 20;
    // Not the id of events/admin/create-api-user.json, so that event still creates its own user in a local run.
    static final String API_USER_ID = "019dbf72-0000-7000-8000-00000000de70";
    static final String API_USER_EMAIL = "demo-reseller@example.com";

    private final ObjectMapper mapper;

    DemoData(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The admin events that seed a local run, in order; each may be sent again (see {@link #isAlreadyThere}). */
    List<ObjectNode> seedEvents() {
        return List.of(importCatalog(), importCodes(), createPartner(), setRate());
    }

    /** An answer that only says an earlier run already created this (createPartner is not an upsert). */
    static boolean isAlreadyThere(String error) {
        return "partner_exists".equals(error);
    }

    private ObjectNode importCatalog() {
        ObjectNode event = mapper.createObjectNode().put("action", "importCatalog");
        ObjectNode category = event.putArray("categories").addObject().put("slug", "games");
        localized(category, "name", "Игры", "Games");
        ObjectNode product = event.putArray("products").addObject()
                .put("id", PRODUCT_ID)
                .put("slug", PRODUCT_SLUG)
                .put("categoryId", "games");
        localized(product, "name", PRODUCT_NAME_RU, PRODUCT_NAME_EN);
        localized(product, "description", "Ключ для локальной демонстрации", "A key for the local demo");
        product.put("price", "4990.00").put("currency", "rub");
        localized(product, "userGuide", "Откройте лаунчер, раздел «Активировать», введите код.",
                "Open the launcher, choose Redeem, enter the code.");
        return event;
    }

    // Fixed values, so a second seeding finds them already imported instead of adding twenty more.
    private ObjectNode importCodes() {
        ObjectNode event = mapper.createObjectNode().put("action", "importCodes").put("productId", PRODUCT_ID);
        ArrayNode codes = event.putArray("codes");
        for (int i = 1; i <= CODES; i++) {
            String value = String.format(Locale.ROOT, "DEMO-%04d-%04X-LOCAL", i, (i * 7919) & 0xFFFF);
            codes.addObject().put("type", "code").put("value", value);
        }
        return event;
    }

    private ObjectNode createPartner() {
        ObjectNode event = mapper.createObjectNode().put("action", "createPartner").put("slug", PARTNER);
        event.putArray("secrets").add(PARTNER_SECRET);
        event.putArray("productIds").add(PRODUCT_ID);
        return event;
    }

    // So x-currency: usd works locally; the same rate as events/admin/set-rate.json.
    private ObjectNode setRate() {
        return mapper.createObjectNode().put("action", "setRate").put("from", "usd").put("to", "rub")
                .put("rate", "92.50").put("source", "local demo");
    }

    /** An answer to createApiUser that only says an earlier run on the same DATA_DIR created the demo user. */
    static boolean isUserThere(String error) {
        return "user_exists".equals(error);
    }

    /** The admin event that gives the demo user another key (its answer holds it, shown once). */
    ObjectNode issueApiKey() {
        return mapper.createObjectNode().put("action", "issueApiKey").put("userId", API_USER_ID);
    }

    /** The admin event that creates the demo user of the public API; its answer holds the key, shown once. */
    ObjectNode createApiUser() {
        return mapper.createObjectNode().put("action", "createApiUser").put("id", API_USER_ID)
                .put("email", API_USER_EMAIL).put("firstName", "Demo").put("lastName", "Reseller");
    }

    /** The body of a partner's order.paid notification for the demo product, in the seed's shape. */
    ObjectNode orderPaid(String externalOrderId) {
        return mapper.createObjectNode()
                .put("event", "order.paid")
                .put("externalOrderId", externalOrderId)
                .put("productId", PRODUCT_ID)
                .put("qty", 1)
                .put("amount", 4990)
                .put("currency", "RUB");
    }

    /**
     * The same notification asking for e-mail delivery: answered 202, then the delivery worker mails the code to
     * {@code customerEmail} and calls {@code callbackUrl} back.
     */
    ObjectNode orderPaidByEmail(String externalOrderId, String customerEmail, String callbackUrl, String language) {
        return orderPaid(externalOrderId)
                .put("deliveryMode", "email")
                .put("customerEmail", customerEmail)
                .put("callbackUrl", callbackUrl)
                .put("language", language);
    }

    /** The admin event that shows an order of the demo partner, its delivery steps and events. */
    ObjectNode orderStatus(String externalOrderId) {
        return mapper.createObjectNode().put("action", "orderStatus").put("partner", PARTNER)
                .put("externalOrderId", externalOrderId);
    }

    private static void localized(ObjectNode parent, String field, String ru, String en) {
        parent.putObject(field).put("ru", ru).put("en", en);
    }
}
