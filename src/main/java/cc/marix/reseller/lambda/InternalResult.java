package cc.marix.reseller.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** The answer to an {@link InternalInvocation}: written out as the bare JSON body, as a non-HTTP function returns. */
public final class InternalResult extends APIGatewayV2HTTPResponse {

    private final String json;

    private InternalResult(String json) {
        this.json = json;
    }

    static InternalResult of(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null || body.isEmpty()) {
            return new InternalResult("null");
        }
        if (response.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new InternalResult(body);
    }

    public String json() {
        return json;
    }
}
