package cc.marix.reseller.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.lambda.LambdaEventCodec;

class JsonAnswerWriterTest {

    private static final ObjectMapper JSON = applicationLike();
    private final JsonAnswerWriter writer = new JsonAnswerWriter(JSON);

    record Line(String name, BigDecimal price, String note) {
    }

    /** A type that carries its type in its JSON: the declared list's element type decides how it is written. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    record Tagged(String id) {
    }

    @Test
    void aStoredAnswer_shouldBeWrittenAsItIs() throws IOException {
        String stored = "{\"status\":\"delivered\",\"codes\":[\"ÄÖ-1\"]}";

        assertArrayEquals(stored.getBytes(StandardCharsets.UTF_8), written(stored, String.class));
    }

    @Test
    void anObject_shouldBeWrittenAsTheApplicationsMapperWritesIt() throws IOException {
        Line line = new Line("Steam 500", new BigDecimal("4990.00"), null);

        assertEquals("{\"name\":\"Steam 500\",\"price\":4990.00,\"note\":null}", new String(written(line, Line.class),
                StandardCharsets.UTF_8));
    }

    @Test
    void aDeclaredGenericType_shouldBeWrittenAsDeclared_asQuarkusWriterDid() throws Exception {
        List<Tagged> tagged = List.of(new Tagged("a"));
        Type declared = JsonAnswerWriterTest.class.getDeclaredMethod("declared").getGenericReturnType();

        assertArrayEquals(JSON.writerFor(JSON.getTypeFactory().constructType(declared)).writeValueAsBytes(tagged),
                written(tagged, declared));
        assertEquals("[{\"kind\":\"JsonAnswerWriterTest$Tagged\",\"id\":\"a\"}]",
                new String(written(tagged, declared), StandardCharsets.UTF_8));
    }

    private byte[] written(Object entity, Type genericType) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(entity, entity.getClass(), genericType, null, MediaType.APPLICATION_JSON_TYPE, null, out);
        return out.toByteArray();
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
