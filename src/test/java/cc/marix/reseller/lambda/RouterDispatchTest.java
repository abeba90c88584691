package cc.marix.reseller.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.EchoRoute;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How {@link RouterDispatch} turns an event into the router's request and the response into the Lambda answer, as
 * quarkus-amazon-lambda-http did: through the handler, with {@link EchoRoute} answering what the router saw.
 */
@QuarkusTest
class RouterDispatchTest {

    @Inject
    LambdaHttpHandler handler;

    @Test
    void event_shouldReachTheRouter_withRawQuerySplitHeadersCookiesBodyAndCaller() {
        byte[] body = {0, 1, (byte) 0xC3, (byte) 0xFF, '{'};
        APIGatewayV2HTTPEvent event = HttpEvents.event("POST", "/api/anything", "q=a%20b%2Bc&x=1&x=2",
                Map.of(EchoRoute.HEADER, "json", "x-list", "one,two", "access-control-request-headers", "a,b",
                        "X-Forwarded-Port", "8443"), body);
        event.setCookies(List.of("session=abc", "theme=dark"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new FakeContext("req-42"));

        assertEquals(200, response.getStatusCode());
        assertFalse(response.getIsBase64Encoded(), "a JSON answer is text");
        JsonNode seen = Json.parse(response.getBody());
        assertEquals("POST", seen.path("method").asText());
        assertEquals("/api/anything", seen.path("path").asText());
        assertEquals("q=a%20b%2Bc&x=1&x=2", seen.path("query").asText(), "the query as the event gives it");
        assertEquals("/api/anything?q=a%20b%2Bc&x=1&x=2", seen.path("uri").asText());
        assertEquals("a b+c", seen.path("params").path("q").path(0).asText());
        assertEquals(List.of("1", "2"), texts(seen.path("params").path("x")));
        assertEquals(List.of("one", "two"), texts(seen.path("headers").path("x-list")), "a list header split");
        assertEquals(List.of("a,b"), texts(seen.path("headers").path("access-control-request-headers")));
        assertEquals("localhost", seen.path("headers").path("host").path(0).asText());
        assertEquals("abc", seen.path("cookies").path("session").asText());
        assertEquals("dark", seen.path("cookies").path("theme").asText());
        assertArrayEquals(body, Base64.getDecoder().decode(seen.path("body").asText()), "base64 body decoded");
        assertArrayEquals(body, Base64.getDecoder().decode(seen.path("routedBody").asText()),
                "the router holds the whole body before anyone reads the stream (EventBody)");
        assertEquals("203.0.113.10:8443", seen.path("remote").asText());
        assertEquals("req-42", seen.path("awsRequestId").asText(), "the Lambda context reaches the router");
    }

    @Test
    void answer_shouldJoinRepeatedHeaders_andCarrySetCookieAsCookies() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpEvents.event("GET", "/api/anything", "", Map.of(EchoRoute.HEADER, "json"), null), null);

        assertEquals(200, response.getStatusCode());
        assertEquals("one,two", response.getHeaders().get("X-Multi"));
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertEquals(String.valueOf(response.getBody().getBytes(StandardCharsets.UTF_8).length),
                response.getHeaders().get("content-length"));
        assertEquals(List.of("first=1", "second=2; HTTPOnly"), response.getCookies());
        assertFalse(response.getHeaders().keySet().stream().anyMatch("set-cookie"::equalsIgnoreCase));
        assertTrue(Json.parse(response.getBody()).path("query").isNull(), "no query: none, as Vert.x has it");
        assertTrue(Json.parse(response.getBody()).path("routedBody").isNull(), "no body: none held by the router");
        assertNull(Json.parse(response.getBody()).get("awsRequestId"), "no Lambda context, no id");
    }

    @Test
    void binaryAnswer_shouldBeBase64() {
        byte[] body = {(byte) 0xFF, 0, 'x'};
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpEvents.event("POST", "/api/anything", "", Map.of(EchoRoute.HEADER, "binary"), body), null);

        assertTrue(response.getIsBase64Encoded());
        assertArrayEquals(body, Base64.getDecoder().decode(response.getBody()));
    }

    @Test
    void textBody_shouldReachTheRouterAsUtf8() {
        APIGatewayV2HTTPEvent event = HttpEvents.event("POST", "/api/anything", "",
                Map.of(EchoRoute.HEADER, "binary"), null);
        event.setBody("привет");
        event.setIsBase64Encoded(false);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        byte[] echoed = Base64.getDecoder().decode(response.getBody());
        assertEquals("привет", new String(echoed, StandardCharsets.UTF_8));
    }

    @Test
    void closedWithoutAnAnswer_shouldBe500_asTheExtensionAnswered() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpEvents.event("GET", "/api/anything", "", Map.of(EchoRoute.HEADER, "close"), null), null);

        assertEquals(500, response.getStatusCode());
        assertEquals("{ \"message\": \"Internal Server Error\" }", response.getBody());
    }

    @Test
    void endHandlerThatThrows_shouldStillHandBackTheAnswer() {
        APIGatewayV2HTTPResponse response = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> handler
                .handleRequest(HttpEvents.event("GET", "/api/anything", "",
                        Map.of(EchoRoute.HEADER, "end-handler-throws"), null), null));

        assertEquals(200, response.getStatusCode());
        assertEquals("GET", Json.parse(response.getBody()).get("method").asText());
    }

    @Test
    void eventWithoutMethod_shouldBe500() {
        APIGatewayV2HTTPEvent event = HttpEvents.event("GET", "/api/anything", "", Map.of(), null);
        event.getRequestContext().getHttp().setMethod(null);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertEquals(500, response.getStatusCode());
        assertEquals(List.of("application/json"), response.getMultiValueHeaders().get("Content-Type"));
    }

    @Test
    void unknownRoute_shouldStillBeOur404() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpEvents.event("GET", "/no/such/route", "", Map.of(), null), null);

        assertEquals(404, response.getStatusCode());
        assertEquals("not_found", Json.parse(response.getBody()).path("error").asText());
    }

    @Test
    void concurrentEvents_shouldEachGetTheirOwnAnswer() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String marker = "m" + i;
                answers.add(threads.submit(() -> handler.handleRequest(HttpEvents.event("POST", "/api/anything",
                        "n=" + marker, Map.of(EchoRoute.HEADER, "json"), marker.getBytes()), null)));
            }
            for (int i = 0; i < answers.size(); i++) {
                JsonNode seen = Json.parse(answers.get(i).get().getBody());
                assertEquals("m" + i, seen.path("params").path("n").path(0).asText());
                assertEquals("m" + i, new String(Base64.getDecoder().decode(seen.path("body").asText())));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private record FakeContext(String requestId) implements Context {

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return "all";
        }

        @Override
        public String getFunctionVersion() {
            return null;
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 256;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
