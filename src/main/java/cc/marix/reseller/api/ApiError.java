package cc.marix.reseller.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one error shape: a stable machine {@code error} code and a human {@code message}; validation errors (422) also
 * carry FastAPI's {@code detail} list, which the seed API's clients already parse.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, List<Violation> detail) {
}
