package cc.marix.reseller.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import cc.marix.reseller.signing.Sha256;

/**
 * {@code GET /api/openapi.json} (openapi-document): the public API's OpenAPI 3.1 document, without a key, so that an
 * integrator's tools can read it before they have one. The document is hand-kept in {@link #DOCUMENT};
 * {@code OpenApiDocumentTest} keeps it in step with the routes, and {@code OpenApiContractTest} with the answers.
 */
@Path("/api/openapi.json")
public class OpenApiResource {

    /** The document's place on the class path (native: listed in {@code quarkus.native.resources.includes}). */
    public static final String DOCUMENT = "openapi/openapi.json";

    /** Integrators' tools fetch it often and it changes only with a deploy; 5 minutes bounds a stale copy. */
    private static final String CACHE_CONTROL = "public, max-age=300";

    private final String document = load();
    /** The document's own hash: fixed for an artifact, different for every other document. */
    private final EntityTag tag = new EntityTag(Sha256.hex(document.getBytes(StandardCharsets.UTF_8)));

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response document(@HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @Context Request request) {
        // the API's rule on every route (functions.md, "Public API conventions"), even where neither is used
        ClientPreferences.of(language, currency);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        Response.ResponseBuilder answer = unchanged != null ? unchanged : Response.ok(document).tag(tag);
        return answer.header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
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
