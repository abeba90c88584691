package cc.marix.reseller.api;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes every JSON answer of our resources and error mappers in one piece: serialized by the application's mapper
 * into bytes, handed to the Vert.x response whole (the bytes wrapped, not copied). Quarkus' own Jackson writer streams
 * the same bytes through RESTEasy Reactive's output stream, which gathers them in pooled direct buffers that the
 * Lambda answer then copies out and releases (issue 14: with the writer's lookup, about a tenth of the function's own
 * CPU samples on a webhook). The bytes are those that writer produces: a text entity (a stored answer) as it is,
 * anything else through the same mapper, with the declared generic type where the method declares one (a
 * {@code List<...>}), as that writer does (JsonAnswerWriterTest holds the two side by side). One difference: an answer
 * larger than RESTEasy's output buffer (8 KiB) went out chunked, without a Content-Length; now every answer has one.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Produces(MediaType.APPLICATION_JSON)
@Priority(Priorities.USER - 1)
public class JsonAnswerWriter implements ServerMessageBodyWriter<Object> {

    private final ObjectWriter plain;
    /** One writer per generic type a resource method declares: as many as there are such methods. */
    private final Map<JavaType, ObjectWriter> declared = new ConcurrentHashMap<>();

    public JsonAnswerWriter(ObjectMapper json) {
        this.plain = json.writer();
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
            MediaType mediaType) {
        return true;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return true;
    }

    @Override
    public void writeResponse(Object entity, Type genericType, ServerRequestContext context) throws IOException {
        byte[] bytes = bytes(entity, genericType);
        // RESTEasy Reactive's Vert.x request context is the server's request and response at once, and hands out
        // the Vert.x response through the request's side
        HttpServerResponse vertx = context.serverResponse() instanceof ServerHttpRequest request
                ? request.unwrap(HttpServerResponse.class) : null;
        if (vertx == null) {
            context.serverResponse().end(bytes);
            return;
        }
        // as the server response's end(byte[]) does, without first copying the bytes into a pooled direct buffer
        vertx.end(Buffer.buffer(Unpooled.wrappedBuffer(bytes)), null);
    }

    /**
     * The JAX-RS way, which RESTEasy Reactive takes only when a writer interceptor wraps the answer (none is
     * registered): the same bytes as {@link #writeResponse}.
     */
    @Override
    public void writeTo(Object entity, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        out.write(bytes(entity, genericType));
    }

    private byte[] bytes(Object entity, Type genericType) throws IOException {
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return writerFor(entity, genericType).writeValueAsBytes(entity);
    }

    private ObjectWriter writerFor(Object entity, Type genericType) {
        if (genericType == null || genericType instanceof Class) {
            return plain;
        }
        JavaType type = plain.getTypeFactory().constructType(genericType);
        if (type.getRawClass() == Object.class || !type.isTypeOrSuperTypeOf(entity.getClass())) {
            return plain;
        }
        return declared.computeIfAbsent(type, plain::forType);
    }
}
