package cc.marix.reseller.api;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One FastAPI-style validation finding: where ({@code loc}), what is wrong ({@code msg}), and its stable {@code type}. */
@RegisterForReflection
public record Violation(List<Object> loc, String msg, String type) {

    public static Violation of(String msg, String type, Object... loc) {
        return new Violation(List.of(loc), msg, type);
    }
}
