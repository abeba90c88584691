package cc.marix.reseller.support;

import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A reader or writer derived from an ObjectMapper (features set on it), built once for the last mapper asked for
 * (the application has one) instead of on every call: they are immutable, and building one cost a request about as
 * much as using it. For static helpers that are handed the mapper.
 */
public final class PerMapper<T> {

    private record Held<T>(ObjectMapper mapper, T value) {
    }

    private final Function<ObjectMapper, T> derive;
    private volatile Held<T> held;

    public PerMapper(Function<ObjectMapper, T> derive) {
        this.derive = derive;
    }

    public T get(ObjectMapper json) {
        Held<T> current = held;
        if (current == null || current.mapper() != json) {
            current = new Held<>(json, derive.apply(json));
            held = current;
        }
        return current.value();
    }
}
