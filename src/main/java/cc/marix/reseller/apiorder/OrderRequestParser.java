package cc.marix.reseller.apiorder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import cc.marix.reseller.api.JsonBodies;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.signing.Sha256;
import cc.marix.reseller.support.PerMapper;

/** Reads the body of {@code POST /api/orders/}; every problem is reported at once, FastAPI style, under {@code body}. */
final class OrderRequestParser {

    static final int MAX_ITEM_REF = 100;
    static final int MAX_KEY = 255;
    static final int MAX_QUANTITY = 10_000;
    /**
     * Codes one order may hold: its first transaction writes each code's delete, one stock counter per item, the
     * order, the idempotency key, the balance and two ledger entries, the user's order counts, and a transaction
     * holds at most 100 writes.
     */
    static final int TRANSACTION_WRITES = 100;
    static final int FIXED_WRITES = 6;

    /** Room for the canonical text of a usual order, so that its buffer is not grown. */
    private static final int CANONICAL_BYTES = 256;
    private static final PerMapper<ObjectWriter> SORTED_WRITER = new PerMapper<>(
            json -> json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS));

    private OrderRequestParser() {
    }

    /** The request, fingerprinted with the currency it is charged in. */
    static OrderRequest parse(byte[] body, String currency, ObjectMapper json, int maxItems) {
        JsonNode root = JsonBodies.readObject(body, json);
        JsonFields fields = new JsonFields();
        JsonNode itemsNode = fields.array(root, "items", "body");
        List<OrderRequest.Item> items = new ArrayList<>();
        if (itemsNode == null && (!root.has("items") || root.get("items").isNull())) {
            fields.missing("items", "body");
        } else if (itemsNode != null && (itemsNode.isEmpty() || itemsNode.size() > maxItems)) {
            fields.add(Violation.of(itemsNode.isEmpty() ? "List should have at least 1 item"
                    : "List should have at most " + maxItems + " items",
                    itemsNode.isEmpty() ? "too_short" : "too_long", "body", "items"));
        } else if (itemsNode != null) {
            for (int i = 0; i < itemsNode.size(); i++) {
                OrderRequest.Item item = item(itemsNode.get(i), fields, i);
                if (item != null) {
                    items.add(item);
                }
            }
            int codes = items.stream().mapToInt(OrderRequest.Item::quantity).sum();
            int limit = TRANSACTION_WRITES - FIXED_WRITES - itemsNode.size();
            if (items.size() == itemsNode.size() && codes > limit) {
                fields.add(Violation.of("An order of " + itemsNode.size() + " item(s) holds at most " + limit
                        + " codes in all; split it into several orders", "value_error", "body", "items"));
            }
        }
        String key = fields.text(root, "idempotencyKey", false, MAX_KEY, "body");
        if (key != null && key.isEmpty()) {
            fields.add(Violation.of("String should have at least 1 character", "string_too_short", "body",
                    "idempotencyKey"));
        }
        Boolean isMock = fields.bool(root, "isMock", "body");
        fields.check();
        boolean mock = Boolean.TRUE.equals(isMock);
        return new OrderRequest(List.copyOf(items), key, mock, fingerprint(items, key, mock, currency, json));
    }

    /**
     * What makes two requests the same order: the parsed fields with defaults filled in and keys sorted, and the
     * currency. Whitespace, key order, {@code "isMock": false} or {@code "note": {}} written out or left away, and
     * "4990" for "4990.00" do not make another order. The bytes are those of the canonical map written with its keys
     * sorted (as first built: OrderRequestFingerprintTest), written member by member in that order, since every order
     * computes it (issue 14); only a note with something in it goes through a map.
     */
    static String fingerprint(List<OrderRequest.Item> items, String key, boolean mock, String currency,
            ObjectMapper json) {
        ObjectWriter sorted = SORTED_WRITER.get(json);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(CANONICAL_BYTES);
        try (JsonGenerator out = sorted.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("currency", currency);
            out.writeStringField("idempotencyKey", key);
            out.writeBooleanField("isMock", mock);
            out.writeArrayFieldStart("items");
            for (OrderRequest.Item item : items) {
                out.writeStartObject();
                out.writeStringField("itemId", item.itemId());
                out.writeFieldName("note");
                if (item.note().isObject() && item.note().isEmpty()) {
                    out.writeStartObject();
                    out.writeEndObject();
                } else {
                    // into the same generator, so escaped as when the whole map was written (an emoji as two escapes)
                    sorted.writeValue(out, json.convertValue(item.note(), Map.class));
                }
                out.writeNumberField("quantity", item.quantity());
                out.writeStringField("totalPrice", item.totalPrice() == null ? null
                        : item.totalPrice().stripTrailingZeros().toPlainString());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("order request not serializable", e);
        }
        return Sha256.hex(bytes.toByteArray());
    }

    private static OrderRequest.Item item(JsonNode node, JsonFields fields, int i) {
        if (!node.isObject()) {
            fields.add(Violation.of("Input should be a valid dictionary", "model_attributes_type", "body", "items",
                    i));
            return null;
        }
        String itemId = fields.text(node, "itemId", true, MAX_ITEM_REF, "body", "items", i);
        Integer quantity = fields.integer(node, "quantity", true, 1, MAX_QUANTITY, "body", "items", i);
        JsonNode note = fields.object(node, "note", "body", "items", i);
        BigDecimal totalPrice = fields.amount(node, "totalPrice", false, 2, "body", "items", i);
        if (itemId == null || quantity == null || (note == null && node.hasNonNull("note"))) {
            return null;
        }
        return new OrderRequest.Item(itemId, quantity, note == null ? JsonNodeFactory.instance.objectNode() : note, totalPrice);
    }
}
