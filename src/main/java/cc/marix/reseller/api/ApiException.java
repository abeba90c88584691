package cc.marix.reseller.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import cc.marix.reseller.signing.SignatureVerificationException;

/** A request that cannot be served, with the status, machine code and message it is answered with. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<Violation> violations;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, Map.of());
    }

    public ApiException(int status, String code, String message, List<Violation> violations,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.violations = violations;
        this.headers = headers;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(401, code, message);
    }

    /** A signature that did not verify: 401 with its machine code ({@code signature_mismatch}, ...). */
    public static ApiException unverified(SignatureVerificationException refused) {
        return unauthorized(refused.code(), refused.getMessage());
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    /** 405: the path exists, not with this method; {@code Allow} lists the methods it has. */
    public static ApiException methodNotAllowed(Collection<String> allowed) {
        String methods = String.join(", ", allowed);
        return new ApiException(405, "method_not_allowed", "this route answers " + methods + " only", null,
                Map.of("Allow", methods));
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "body_too_large", message);
    }

    public static ApiException invalid(List<Violation> violations) {
        return new ApiException(422, "validation_error", "request is invalid: " + violations.get(0).msg(), violations,
                Map.of());
    }

    public static ApiException invalid(String code, Violation violation) {
        return new ApiException(422, code, violation.msg(), List.of(violation), Map.of());
    }

    /** 429: the caller used up a quota; {@code Retry-After} says when it frees. */
    public static ApiException rateLimited(String message, int retryAfterSeconds) {
        return new ApiException(429, "rate_limited", message, null,
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public static ApiException unavailable(String code, String message, int retryAfterSeconds) {
        return new ApiException(503, code, message, null, Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ApiError body() {
        return new ApiError(code, getMessage(), violations);
    }

    public Map<String, String> headers() {
        return headers;
    }
}
