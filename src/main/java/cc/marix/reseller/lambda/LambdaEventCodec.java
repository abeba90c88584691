package cc.marix.reseller.lambda;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Lets one artifact be both HTTP functions and event functions. quarkus-amazon-lambda-http reads every invocation as
 * an HTTP event with the application's ObjectMapper; this customizer teaches that mapper to turn any other payload
 * into an {@link InternalInvocation} (and its answer back into bare JSON). It also makes every JSON number with a
 * fraction a BigDecimal, so money is never parsed as a double anywhere.
 */
@Singleton
public class LambdaEventCodec implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // Keep "4990.00" as written: no stripped zeros, no "4.99E+3" when a tree is written back out.
        mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        SimpleModule module = new SimpleModule("lambda-events");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                if (description.getBeanClass() == APIGatewayV2HTTPEvent.class) {
                    @SuppressWarnings("unchecked")
                    JsonDeserializer<APIGatewayV2HTTPEvent> http = (JsonDeserializer<APIGatewayV2HTTPEvent>) deserializer;
                    return new EventDeserializer(http);
                }
                return deserializer;
            }
        });
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                    JsonSerializer<?> serializer) {
                if (description.getBeanClass() == APIGatewayV2HTTPResponse.class) {
                    @SuppressWarnings("unchecked")
                    JsonSerializer<APIGatewayV2HTTPResponse> http = (JsonSerializer<APIGatewayV2HTTPResponse>) serializer;
                    return new ResultSerializer(http);
                }
                return serializer;
            }
        });
        mapper.registerModule(module);
    }

    /** An HTTP API or Function URL event (payload 2.0) always has requestContext.http; nothing else does. */
    static boolean isHttpEvent(JsonNode event) {
        return event.path("requestContext").path("http").isObject();
    }

    static final class EventDeserializer extends StdDeserializer<APIGatewayV2HTTPEvent>
            implements ResolvableDeserializer {

        private final JsonDeserializer<APIGatewayV2HTTPEvent> http;

        EventDeserializer(JsonDeserializer<APIGatewayV2HTTPEvent> http) {
            super(APIGatewayV2HTTPEvent.class);
            this.http = http;
        }

        @Override
        public void resolve(DeserializationContext context) throws JsonMappingException {
            if (http instanceof ResolvableDeserializer resolvable) {
                resolvable.resolve(context);
            }
        }

        /** Jackson does not call deserialize() for a bare {@code null} payload. */
        @Override
        public APIGatewayV2HTTPEvent getNullValue(DeserializationContext context) {
            return InternalInvocation.of("null");
        }

        @Override
        public APIGatewayV2HTTPEvent deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode event;
            try {
                event = context.readTree(parser);
            } catch (StreamConstraintsException beyondLimits) {
                // nesting or a number beyond the parser's limits: refused by EventResource, not a failed invocation
                // that the event source would retry for ever
                return InternalInvocation.of(InternalInvocation.UNREADABLE);
            }
            if (event == null) {
                return InternalInvocation.of("null");
            }
            if (isHttpEvent(event)) {
                JsonParser replay = event.traverse(parser.getCodec());
                replay.nextToken();
                return http.deserialize(replay, context);
            }
            return InternalInvocation.of(event.toString());
        }
    }

    static final class ResultSerializer extends StdSerializer<APIGatewayV2HTTPResponse>
            implements ResolvableSerializer {

        private final JsonSerializer<APIGatewayV2HTTPResponse> http;

        ResultSerializer(JsonSerializer<APIGatewayV2HTTPResponse> http) {
            super(APIGatewayV2HTTPResponse.class);
            this.http = http;
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (http instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        public void serialize(APIGatewayV2HTTPResponse value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            if (value instanceof InternalResult result) {
                generator.writeRawValue(result.json());
            } else {
                http.serialize(value, generator, provider);
            }
        }
    }
}
