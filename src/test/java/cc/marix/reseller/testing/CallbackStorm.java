package cc.marix.reseller.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.quarkus.amazon.lambda.http.LambdaHttpHandler;

/** Copies of one provider callback, posted at once from real threads into the Lambda handler. */
public final class CallbackStorm {

    private CallbackStorm() {
    }

    /** The {@code result} each copy was answered (each must be a 200). Header names in lower case. */
    public static List<String> send(LambdaHttpHandler handler, int copies, String path, Map<String, String> headers,
            byte[] body) throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            APIGatewayV2HTTPEvent copy = HttpEvents.event("POST", path, "", headers, body);
            calls.add(() -> {
                APIGatewayV2HTTPResponse answer = handler.handleRequest(copy, null);
                assertEquals(200, answer.getStatusCode(), answer.getBody());
                return Json.parse(answer.getBody()).path("result").asText();
            });
        }
        return Storm.run(calls, Duration.ofSeconds(60));
    }
}
