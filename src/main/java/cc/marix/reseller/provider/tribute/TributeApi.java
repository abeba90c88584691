package cc.marix.reseller.provider.tribute;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Tribute's shop API (seeds/tribute-shop-api.txt); base URL and timeouts under {@code quarkus.rest-client.tribute}. */
@RegisterRestClient(configKey = "tribute")
@Path("/api/v1/shop")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TributeApi {

    String API_KEY = "Api-Key";

    @GET
    Shop shop(@HeaderParam(API_KEY) String apiKey);

    @POST
    @Path("/orders")
    CreatedOrder createOrder(@HeaderParam(API_KEY) String apiKey, NewOrder order);

    @GET
    @Path("/orders/{uuid}/status")
    OrderStatus status(@HeaderParam(API_KEY) String apiKey, @PathParam("uuid") String uuid);

    @RegisterForReflection
    record Shop(Long userId, String link, String callbackUrl, Boolean recurringAvailable, Boolean onlyStars,
            Integer status) {
    }

    /** {@code amount} in minor units (kopecks, cents); {@code currency} lower case; title ≤ 100, description ≤ 300. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewOrder(long amount, String currency, String title, String description, String successUrl,
            String failUrl, String email) {
    }

    @RegisterForReflection
    record CreatedOrder(String uuid, String paymentUrl) {
    }

    @RegisterForReflection
    record OrderStatus(String status) {
    }
}
