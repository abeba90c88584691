package cc.marix.reseller.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the audit reads GraalVM's configuration: what a registration grants Jackson, which resources are in. */
class NativeImageConfigTest {

    private static final String REFLECT = """
            [
              {"name": "a.Full", "allDeclaredConstructors": true, "allDeclaredMethods": true, "allDeclaredFields": true},
              {"name": "a.Public", "allPublicConstructors": true, "allPublicMethods": true, "allPublicFields": true},
              {"name": "a.MethodsOnly", "allDeclaredConstructors": true, "allDeclaredMethods": true},
              {"name": "a.Split", "allDeclaredConstructors": true},
              {"name": "a.Split", "allDeclaredMethods": true, "allDeclaredFields": true},
              {"name": "a.Queried", "queriedMethods": true, "methods": [{"name": "get", "parameterTypes": []}]}
            ]
            """;
    private static final String RESOURCES = """
            {"bundles": [{"name": "java.base:sun.security.util.Resources"}],
             "resources": {"excludes": [], "includes": [
               {"pattern": "\\\\QMETA-INF/services/a.Spi\\\\E"},
               {"pattern": "templates/.*\\\\.txt"}]}}
            """;

    @TempDir
    Path dir;

    @Test
    void missingForJackson_shouldBeEmpty_whenConstructorsMethodsAndFieldsAreRegistered() throws IOException {
        NativeImageConfig config = config();

        assertEquals(Set.of(), config.missingForJackson("a.Full"));
        assertEquals(Set.of(), config.missingForJackson("a.Public"));
        assertEquals(Set.of(), config.missingForJackson("a.Split"));
    }

    @Test
    void missingForJackson_shouldNameWhatIsMissing() throws IOException {
        NativeImageConfig config = config();

        assertEquals(Set.of("fields"), config.missingForJackson("a.MethodsOnly"));
        assertEquals(Set.of("constructors", "methods", "fields"), config.missingForJackson("a.Queried"));
        assertEquals(Set.of("constructors", "methods", "fields"), config.missingForJackson("a.Absent"));
    }

    @Test
    void constructible_shouldNeedRegisteredConstructors() throws IOException {
        NativeImageConfig config = config();

        assertTrue(config.constructible("a.Split"));
        assertFalse(config.constructible("a.Queried"));
        assertFalse(config.constructible("a.Absent"));
    }

    @Test
    void includesResource_shouldMatchTheWholeNameAgainstEachPattern() throws IOException {
        NativeImageConfig config = config();

        assertTrue(config.includesResource("META-INF/services/a.Spi"));
        assertTrue(config.includesResource("templates/mail.txt"));
        assertFalse(config.includesResource("META-INF/services/a.Spi2"));
        assertFalse(config.includesResource("x/templates/mail.txt"));
    }

    @Test
    void includesBundle_shouldAcceptTheNameWithOrWithoutItsModule() throws IOException {
        NativeImageConfig config = config();

        assertTrue(config.includesBundle("sun.security.util.Resources"));
        assertTrue(config.includesBundle("java.base:sun.security.util.Resources"));
        assertFalse(config.includesBundle("messages"));
    }

    @Test
    void read_shouldTakeBothFilesFromTheRunnerJarOfTheNativeSources() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("app-1.0-native-image-source-jar"));
        Path jar = sources.resolve("app-1.0-runner.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, NativeImageConfig.REFLECT_CONFIG, REFLECT);
            put(zip, NativeImageConfig.RESOURCE_CONFIG, RESOURCES);
        }

        assertEquals(jar, NativeImageConfig.runnerJar(dir));
        NativeImageConfig config = NativeImageConfig.read(jar);
        assertEquals(Set.of(), config.missingForJackson("a.Full"));
        assertTrue(config.includesResource("META-INF/services/a.Spi"));
    }

    @Test
    void runnerJar_shouldBeNull_whenNoNativeBuildRan() throws IOException {
        assertNull(NativeImageConfig.runnerJar(dir));
        assertNull(NativeImageConfig.runnerJar(dir.resolve("absent")));
    }

    private static NativeImageConfig config() throws IOException {
        return NativeImageConfig.parse(REFLECT.getBytes(StandardCharsets.UTF_8),
                RESOURCES.getBytes(StandardCharsets.UTF_8));
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
