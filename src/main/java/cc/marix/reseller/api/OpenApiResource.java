package cc.marix.reseller.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/openapi.json} (openapi-document): the public API's OpenAPI 3.1 document, without a key, so that an
 * integrator's tools can read it before they have one. The document is hand-kept in {@link #DOCUMENT};
 * {@code OpenApiDocumentTest} keeps it in step with the routes, and {@code OpenApiContractTest} with the answers.
 */
@Path("/api/openapi.json")
public class OpenApiResource {

    /** The document's place on the class path (native: listed in {@code quarkus.native.resources.includes}). */
    public static final String DOCUMENT = "openapi/openapi.json";

    private final String document = load();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document(@HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency) {
        // the API's rule on every route (functions.md, "Public API conventions"), even where neither is used
        ClientPreferences.of(language, currency);
        return document;
    }

    private static String load() {
        try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the artifact");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
