package cc.marix.reseller.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the test suite saw Jackson and our code reach at run time is in the configuration the native build
 * generated: every type the application's ObjectMapper read or wrote by bean introspection
 * ({@link JacksonTypeRecorder}) is registered for reflection with its constructors, methods and fields, and every
 * resource the artifact ships or its code loads ({@link ResourceUses}) is included. It needs the recording of a
 * complete run and a native build's sources, so it is not a {@code *Test}: scripts/native-check.sh runs it (the
 * {@code native-config} surefire execution) after {@code mvn verify} and {@code mvn package -Dnative}.
 */
class NativeConfigAudit {

    private static final Path CLASSES = Path.of("target", "classes");
    /** Read at build time: Quarkus records the configuration into the image; the file is not needed at run time. */
    private static final String BUILD_TIME_CONFIG = "application.properties";
    private static final String SERVICES = "META-INF/services/";

    private static NativeImageConfig config;

    @BeforeAll
    static void readTheGeneratedConfig() throws IOException {
        Path jar = NativeImageConfig.runnerJar(NativeImageConfig.TARGET);
        assertNotNull(jar, "no target/*-native-image-source-jar/*-runner.jar: run mvn package -Dnative first"
                + " (scripts/native-check.sh does, and accepts a stop at the compiler)");
        config = NativeImageConfig.read(jar);
    }

    @Test
    void everyTypeJacksonIntrospected_shouldBeRegisteredForReflection() throws IOException {
        Map<String, Set<String>> recorded = recorded();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Set<String>> type : recorded.entrySet()) {
            Set<String> missing = config.missingForJackson(type.getKey());
            if (!missing.isEmpty()) {
                problems.add(type.getKey() + " (" + String.join(", ", type.getValue()) + ") lacks " + missing);
            }
        }
        assertEquals("", String.join("\n", problems), "types Jackson (de)serialized while the suite ran, not"
                + " registered for reflection as Jackson needs: add @RegisterForReflection (or config) to each");
    }

    @Test
    void everyResourceTheArtifactShips_shouldBeInTheImage() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String resource : shippedResources()) {
            if (resource.equals(BUILD_TIME_CONFIG) || config.includesResource(resource)) {
                continue;
            }
            if (resource.startsWith(SERVICES)) {
                // Quarkus turns some service files (config sources, converters) into build-time registrations
                // of their providers instead of shipping the file: each provider must then be constructible
                for (String provider : providers(CLASSES.resolve(resource))) {
                    if (!config.constructible(provider)) {
                        problems.add(resource + ": neither included nor is " + provider + " registered");
                    }
                }
            } else {
                problems.add(resource + " is not included in resource-config.json");
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void everyResourceTheCodeLoads_shouldBeInTheImage() throws IOException {
        List<String> problems = new ArrayList<>();
        for (ResourceUses.Use use : ResourceUses.in(CLASSES)) {
            boolean included = switch (use.kind()) {
                case RESOURCE -> config.includesResource(use.name());
                case BUNDLE -> config.includesBundle(use.name());
            };
            if (!included) {
                problems.add(use.site() + " loads " + use.kind() + " " + use.name() + ", not in the image"
                        + (use.name().equals(ResourceUses.Use.UNKNOWN) ? ": load a constant name" : ""));
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    /** Type name -> read, write: what the whole suite recorded. */
    private static Map<String, Set<String>> recorded() throws IOException {
        Path recording = JacksonTypeRecorder.RECORDING;
        assertTrue(Files.isRegularFile(recording), "no " + recording + ": it is written while the test suite runs;"
                + " run the whole suite first (mvn verify), not this audit alone");
        Map<String, Set<String>> types = new TreeMap<>();
        for (String line : Files.readAllLines(recording, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                String[] fields = line.split("\t");
                types.computeIfAbsent(fields[1], type -> new TreeSet<>()).add(fields[0]);
            }
        }
        assertFalse(types.isEmpty(), recording + " is empty: no test reached the application's ObjectMapper");
        return types;
    }

    private static List<String> shippedResources() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> CLASSES.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.endsWith(".class"))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> providers(Path servicesFile) throws IOException {
        return Files.readAllLines(servicesFile, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .toList();
    }
}
