package cc.marix.reseller.nativeimage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Records into {@link #RECORDING} every type the application's ObjectMapper (the one Quarkus REST, the REST clients,
 * the Lambda event codec and our code share) reads or writes by bean introspection while the test suite runs: the
 * types a native image must register for reflection. {@link NativeConfigAudit} compares the recording with the
 * generated reflect-config.json. A test-only bean: Quarkus picks it up in every {@code @QuarkusTest}, the artifact
 * never has it. Like {@code testing.DynamoAccessRecorder}, it empties the file once per JVM (a system property
 * survives the class loaders of each Quarkus restart) and appends each new line at once.
 */
@Singleton
public class JacksonTypeRecorder implements ObjectMapperCustomizer {

    public static final Path RECORDING = Path.of("target", "jackson-types.tsv");
    static final String READ = "read";
    static final String WRITE = "write";
    private static final String STARTED = "reseller.jackson-types.started";
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("native-type-recorder");
        // updateBuilder and changeProperties run only when Jackson builds a bean (de)serializer by introspection,
        // whatever another module's modifier later wraps it in
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                record(READ, description.getBeanClass());
                return builder;
            }
        });
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
                    List<BeanPropertyWriter> properties) {
                record(WRITE, description.getBeanClass());
                return properties;
            }
        });
        mapper.registerModule(module);
    }

    private static void record(String direction, Class<?> type) {
        String line = direction + "\t" + type.getName();
        if (SEEN.add(line)) {
            append(line);
        }
    }

    private static synchronized void append(String line) {
        try {
            Files.createDirectories(RECORDING.getParent());
            if (System.getProperty(STARTED) == null) {
                Files.deleteIfExists(RECORDING);
                System.setProperty(STARTED, "true");
            }
            Files.writeString(RECORDING, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
