package cc.marix.reseller.lambda;

import java.io.IOException;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.config.AppConfig;
import io.vertx.ext.web.RoutingContext;

/** Hands a non-HTTP event to the event function this process is deployed as. */
@Path(InternalInvocation.PATH)
public class EventResource {

    private final AppConfig config;
    private final Instance<EventFunction> functions;
    private final ObjectMapper mapper;

    public EventResource(AppConfig config, @Any Instance<EventFunction> functions, ObjectMapper mapper) {
        this.config = config;
        this.functions = functions;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Object invoke(RoutingContext request, byte[] body) throws IOException {
        if (!InternalInvocation.isCurrent(request)) {
            throw ApiException.notFound("not_found", "no such route");
        }
        JsonNode event = mapper.readTree(body);
        if (event == null || event.isMissingNode()) {
            throw ApiException.badRequest("malformed_event",
                    "the event is not JSON within the limits (nesting depth 1000, numbers of 1000 digits)");
        }
        EventFunction function = target(event);
        InvocationScope.eventFunction(function.name());
        return function.handle(event, InternalInvocation.remaining(request));
    }

    private EventFunction target(JsonNode event) {
        String deployedAs = config.function();
        for (EventFunction function : functions) {
            boolean chosen = Functions.ALL.equals(deployedAs) ? function.accepts(event)
                    : function.name().equals(deployedAs);
            if (chosen) {
                return function;
            }
        }
        throw ApiException.notFound("unsupported_event", "function " + deployedAs + " takes no such event");
    }
}
