package cc.marix.reseller.store;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small, typed conversions between Java values and DynamoDB attribute values; numbers are always exact. */
public final class Attrs {

    private Attrs() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    public static AttributeValue ss(Collection<String> values) {
        return AttributeValue.fromSs(List.copyOf(values));
    }

    public static AttributeValue list(List<AttributeValue> values) {
        return AttributeValue.fromL(values);
    }

    public static AttributeValue map(Map<String, AttributeValue> values) {
        return AttributeValue.fromM(values);
    }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    public static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : new BigDecimal(value.n());
    }

    public static long longValue(Map<String, AttributeValue> item, String name, long absent) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? absent : Long.parseLong(value.n());
    }

    public static boolean boolValue(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    public static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasSs() ? List.of() : value.ss();
    }

    public static List<AttributeValue> listValue(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l();
    }

    /** Puts a string attribute only when there is a value: DynamoDB has no use for empty attributes. */
    public static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableSchema.PK, s(pk), TableSchema.SK, s(sk));
    }
}
