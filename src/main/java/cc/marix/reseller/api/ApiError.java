package cc.marix.reseller.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one error shape: a stable machine {@code error} code, a human {@code message}, and FastAPI's {@code detail},
 * which the seed API's clients already parse: the list of findings on a validation error (422), the message itself
 * on any other ({@code {"detail": "..."}}, as FastAPI's {@code HTTPException} answers).
 */
@RegisterForReflection
public record ApiError(String error, String message, @JsonIgnore List<Violation> violations) {

    @JsonProperty("detail")
    public Object detail() {
        return violations == null ? message : violations;
    }
}
