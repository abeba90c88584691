package cc.marix.reseller.order;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's sync answer: the first code in {@code payload}, every code in {@code payloads} when qty > 1. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerResponse(String status, String orderId, String externalOrderId, Payload payload,
        List<Payload> payloads, String fulfilledAt) {

    @RegisterForReflection
    public record Payload(String type, String value) {

        @Override
        public String toString() {
            return "Payload[" + type + "]";
        }
    }

    /** Holds codes: never print them. */
    @Override
    public String toString() {
        return "PartnerResponse[" + status + ", " + orderId + "]";
    }
}
