package cc.marix.reseller.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.lambda.LambdaEventCodec;
import io.quarkus.resteasy.reactive.jackson.runtime.serialisers.BasicServerJacksonMessageBodyWriter;

/** Our writer against Quarkus' own Jackson writer, the one it replaces: the same bytes for every kind of answer. */
class JsonAnswerWriterTest {

    private static final ObjectMapper JSON = applicationLike();
    private final JsonAnswerWriter writer = new JsonAnswerWriter(JSON);
    private final BasicServerJacksonMessageBodyWriter quarkus = new BasicServerJacksonMessageBodyWriter(
            instanceOf(JSON));

    record Line(String name, BigDecimal price, String note) {
    }

    /** A type that carries its type in its JSON: the declared list's element type decides how it is written. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    record Tagged(String id) {
    }

    @Test
    void everyKindOfAnswer_shouldBeTheBytesQuarkusWriterWrote() throws Exception {
        Type declaredList = JsonAnswerWriterTest.class.getDeclaredMethod("declared").getGenericReturnType();
        Object[][] answers = {
            { "{\"status\":\"delivered\",\"codes\":[\"ÄÖ-1 \uD83C\uDF81\"]}", String.class },
            { new Line("Steam 500 \uD83C\uDF81 </script>", new BigDecimal("4990.00"), null), Line.class },
            { List.of(new Tagged("a"), new Tagged("b")), declaredList },
            { List.of(new Tagged("a")), Object.class },
            { Map.of("k", List.of(1, 2.5)), declaredList },
            { List.of(), null },
        };
        for (Object[] answer : answers) {
            assertArrayEquals(byQuarkus(answer[0], (Type) answer[1]), byOurs(answer[0], (Type) answer[1]),
                    String.valueOf(answer[0]));
        }
    }

    @Test
    void theJaxRsWay_shouldWriteTheSameBytes() throws Exception {
        Line line = new Line("Steam 500", new BigDecimal("4990.00"), "\uD83C\uDF81");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        writer.writeTo(line, Line.class, Line.class, null, MediaType.APPLICATION_JSON_TYPE, null, out);

        assertArrayEquals(byOurs(line, Line.class), out.toByteArray());
        assertEquals("{\"name\":\"Steam 500\",\"price\":4990.00,\"note\":\"\\uD83C\\uDF81\"}",
                out.toString(StandardCharsets.UTF_8));
    }

    private byte[] byQuarkus(Object entity, Type genericType) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        quarkus.writeResponse(entity, genericType, context(out, null));
        return out.toByteArray();
    }

    private byte[] byOurs(Object entity, Type genericType) throws IOException {
        byte[][] ended = new byte[1][];
        writer.writeResponse(entity, genericType, context(null, ended));
        return ended[0];
    }

    /** What each writer asks of the request: Quarkus' its output stream, ours the response's end. */
    private static ServerRequestContext context(ByteArrayOutputStream stream, byte[][] ended) {
        ServerHttpResponse response = (ServerHttpResponse) Proxy.newProxyInstance(
                JsonAnswerWriterTest.class.getClassLoader(), new Class<?>[] { ServerHttpResponse.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("end") && args != null && args[0] instanceof byte[] bytes) {
                        ended[0] = bytes;
                        return proxy;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (ServerRequestContext) Proxy.newProxyInstance(JsonAnswerWriterTest.class.getClassLoader(),
                new Class<?>[] { ServerRequestContext.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getOrCreateOutputStream" -> stream;
                    case "serverResponse" -> response;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static Instance<ObjectMapper> instanceOf(ObjectMapper json) {
        return (Instance<ObjectMapper>) Proxy.newProxyInstance(JsonAnswerWriterTest.class.getClassLoader(),
                new Class<?>[] { Instance.class }, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        return json;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unused")
    private static List<Tagged> declared() {
        return List.of();
    }

    private static ObjectMapper applicationLike() {
        ObjectMapper json = new ObjectMapper();
        new LambdaEventCodec().customize(json);
        return json;
    }
}
