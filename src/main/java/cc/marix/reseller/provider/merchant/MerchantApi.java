package cc.marix.reseller.provider.merchant;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The P2P merchant gateway's REST API V1 (seeds/merchant-gateway-api.txt): every request carries {@code X-API-Key},
 * {@code X-Timestamp} and {@code X-Signature} over the timestamp and the exact body bytes, so bodies are sent as the
 * JSON text that was signed. Base URL and timeouts under {@code quarkus.rest-client.merchant}.
 */
@RegisterRestClient(configKey = "merchant")
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public interface MerchantApi {

    String API_KEY = "X-API-Key";
    String TIMESTAMP = "X-Timestamp";
    String SIGNATURE = "X-Signature";

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Order create(@HeaderParam(API_KEY) String apiKey, @HeaderParam(TIMESTAMP) String timestamp,
            @HeaderParam(SIGNATURE) String signature, String body);

    @GET
    @Path("/{uuid}")
    Order get(@HeaderParam(API_KEY) String apiKey, @HeaderParam(TIMESTAMP) String timestamp,
            @HeaderParam(SIGNATURE) String signature, @PathParam("uuid") String uuid);

    /** What we ask for: {@code amount} in the local currency, {@code currency} upper case, our id. */
    @RegisterForReflection
    record NewOrder(@JsonProperty("merchant_order_id") String merchantOrderId, String amount, String currency,
            @JsonProperty("return_url") String returnUrl) {
    }

    /** An order as the gateway describes it (the callback V3 fields, with its {@code uuid} and payment URL). */
    @RegisterForReflection
    record Order(String uuid, String status, @JsonProperty("payment_url") String paymentUrl,
            @JsonProperty("amount_local") String amountLocal, String currency,
            @JsonProperty("merchant_order_id") String merchantOrderId) {
    }
}
