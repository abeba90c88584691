package cc.marix.reseller.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One FastAPI-style finding: where ({@code loc}), what is wrong ({@code msg}), its stable {@code type}, and, as
 * pydantic does, the values a client needs to fix it in {@code ctx} (absent when there are none).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(List<Object> loc, String msg, String type, Map<String, Object> ctx) {

    public Violation(List<Object> loc, String msg, String type) {
        this(loc, msg, type, null);
    }

    public static Violation of(String msg, String type, Object... loc) {
        return new Violation(List.of(loc), msg, type);
    }
}
