package cc.marix.reseller.provider.exchanger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The exchanger's public order API (a BoxExchanger deployment; seeds/exchanger-order-and-ipn.txt): orders are created
 * with a form ({@code routeId}, {@code partner}, {@code amount}, {@code fromValues[i][key|value]}, ..., {@code ipnUrl},
 * {@code ipnSecret}); base URL and timeouts under {@code quarkus.rest-client.exchanger}.
 */
@RegisterRestClient(configKey = "exchanger")
@Path("/public/exchanger/order")
@Produces(MediaType.APPLICATION_JSON)
public interface ExchangerApi {

    String API_KEY = "x-api-key";

    @POST
    @Path("/create")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Order create(@HeaderParam(API_KEY) String apiKey, MultivaluedMap<String, String> form);

    @GET
    @Path("/info")
    Order info(@HeaderParam(API_KEY) String apiKey, @QueryParam("orderId") String orderId);

    /**
     * An order as the exchanger describes it: its id and uid, status, the amount to send ({@code inAmount}, in the
     * route's {@code from} asset) and to receive ({@code outAmount}), and where to send it.
     */
    @RegisterForReflection
    record Order(String orderId, Long orderUID, String status, String inAmount, String outAmount, String address,
            String expiresAt) {
    }
}
