package cc.marix.reseller.hooks;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.account.Authenticator;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.ClientPreferences;
import cc.marix.reseller.api.MediaTypes;
import cc.marix.reseller.api.PathIds;
import cc.marix.reseller.delivery.CallbackUrlPolicy;

/**
 * A reseller's webhook endpoints: {@code GET /api/webhook-endpoints/} (webhook-endpoints-list), {@code POST}
 * (webhook-endpoint-create), {@code DELETE /api/webhook-endpoints/{endpoint_id}} (webhook-endpoint-delete),
 * {@code POST .../{endpoint_id}/rotate-secret} (webhook-endpoint-rotate) and {@code POST .../{endpoint_id}/replay}
 * (webhook-endpoint-replay). Someone else's endpoint is 404, as an unknown one.
 */
@Path("/api/webhook-endpoints")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEndpointResource {

    static final int MAX_BODY_BYTES = 16_384;

    private final Authenticator authenticator;
    private final WebhookEndpoints endpoints;
    private final CallbackUrlPolicy policy;
    private final ObjectMapper json;

    public WebhookEndpointResource(Authenticator authenticator, WebhookEndpoints endpoints, CallbackUrlPolicy policy,
            ObjectMapper json) {
        this.authenticator = authenticator;
        this.endpoints = endpoints;
        this.policy = policy;
        this.json = json;
    }

    @GET
    public List<WebhookEndpointViews.Listed> list(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return endpoints.list(userId);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public WebhookEndpointViews.Created create(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        MediaTypes.requireJson(contentType, body);
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("a webhook endpoint is at most " + MAX_BODY_BYTES + " bytes");
        }
        return endpoints.create(userId, WebhookEndpointRequest.parse(body, json, policy));
    }

    @DELETE
    @Path("/{endpoint_id}")
    public Response delete(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("endpoint_id") String endpointId) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        endpoints.delete(userId, PathIds.uuid(endpointId, "endpoint_id"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{endpoint_id}/rotate-secret")
    @Consumes(MediaType.WILDCARD)
    public WebhookEndpointViews.Rotated rotate(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("endpoint_id") String endpointId) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return endpoints.rotate(userId, PathIds.uuid(endpointId, "endpoint_id"));
    }

    @POST
    @Path("/{endpoint_id}/replay")
    @Consumes(MediaType.WILDCARD)
    public WebhookEndpointViews.Replayed replay(@HeaderParam("Authorization") String authorization,
            @HeaderParam("x-language") String language, @HeaderParam("x-currency") String currency,
            @PathParam("endpoint_id") String endpointId) {
        String userId = authenticator.userId(authorization);
        ClientPreferences.of(language, currency);
        return endpoints.replay(userId, PathIds.uuid(endpointId, "endpoint_id"));
    }
}
