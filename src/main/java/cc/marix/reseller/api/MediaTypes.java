package cc.marix.reseller.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The content type of a body: JSON routes read {@code application/json} (or an {@code application/*+json} type), the
 * exchanger's IPN route form data; any other is 415. A body without a content type is read as the route's own type,
 * as FastAPI reads a body without one as JSON. Checked after authentication, as the other headers are.
 */
public final class MediaTypes {

    static final String FORM = "application/x-www-form-urlencoded";

    private MediaTypes() {
    }

    public static void requireJson(String contentType, byte[] body) {
        refusal(contentType, body.length > 0, false).ifPresent(refused -> {
            throw refused;
        });
    }

    public static void requireForm(String contentType, byte[] body) {
        refusal(contentType, body.length > 0, true).ifPresent(refused -> {
            throw refused;
        });
    }

    static Optional<ApiException> refusal(String contentType, boolean hasBody, boolean form) {
        if (!hasBody || contentType == null || contentType.isBlank()) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean accepted = form ? type.equals(FORM)
                : type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
        if (accepted) {
            return Optional.empty();
        }
        return Optional.of(new ApiException(415, "unsupported_media_type",
                form ? "send " + FORM : "send application/json"));
    }
}
