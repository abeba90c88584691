package cc.marix.reseller.nativeimage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reflection and resource configuration a Quarkus native build generated for GraalVM's compiler:
 * {@code META-INF/native-image/reflect-config.json} and {@code resource-config.json} in the runner jar of
 * {@code target/*-native-image-source-jar/}, which {@code mvn package -Dnative} leaves even where it then stops at
 * the compiler (scripts/native-check.sh).
 */
record NativeImageConfig(Map<String, Set<String>> reflection, List<Pattern> resources, Set<String> bundles) {

    static final Path TARGET = Path.of("target");
    static final String REFLECT_CONFIG = "META-INF/native-image/reflect-config.json";
    static final String RESOURCE_CONFIG = "META-INF/native-image/resource-config.json";
    /** What Jackson reaches by reflection in a bean type: a creator, accessors and setters, fields. */
    static final Set<String> JACKSON_NEEDS = Set.of("constructors", "methods", "fields");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runner jar of the newest native build's sources, or null when no native build ran. */
    static Path runnerJar(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (DirectoryStream<Path> sources = Files.newDirectoryStream(target, "*-native-image-source-jar")) {
            for (Path folder : sources) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*-runner.jar")) {
                    for (Path jar : jars) {
                        return jar;
                    }
                }
            }
        }
        return null;
    }

    static NativeImageConfig read(Path runnerJar) throws IOException {
        try (ZipFile jar = new ZipFile(runnerJar.toFile())) {
            return parse(entry(jar, REFLECT_CONFIG), entry(jar, RESOURCE_CONFIG));
        }
    }

    static NativeImageConfig parse(byte[] reflectConfig, byte[] resourceConfig) throws IOException {
        Map<String, Set<String>> reflection = new HashMap<>();
        for (JsonNode entry : JSON.readTree(reflectConfig)) {
            reflection.computeIfAbsent(entry.path("name").asText(), name -> new HashSet<>()).addAll(members(entry));
        }
        JsonNode resources = JSON.readTree(resourceConfig);
        List<Pattern> includes = new ArrayList<>();
        for (JsonNode include : resources.path("resources").path("includes")) {
            includes.add(Pattern.compile(include.path("pattern").asText()));
        }
        Set<String> bundles = new HashSet<>();
        for (JsonNode bundle : resources.path("bundles")) {
            bundles.add(bundle.path("name").asText());
        }
        return new NativeImageConfig(reflection, includes, bundles);
    }

    /** What of {@link #JACKSON_NEEDS} the configuration does not register for the class: all of it when absent. */
    Set<String> missingForJackson(String className) {
        Set<String> missing = new TreeSet<>(JACKSON_NEEDS);
        missing.removeAll(reflection.getOrDefault(className, Set.of()));
        return missing;
    }

    /** Whether the class can be instantiated reflectively (as ServiceLoader does with a provider). */
    boolean constructible(String className) {
        return reflection.getOrDefault(className, Set.of()).contains("constructors");
    }

    boolean includesResource(String name) {
        return resources.stream().anyMatch(pattern -> pattern.matcher(name).matches());
    }

    boolean includesBundle(String name) {
        return bundles.stream().anyMatch(bundle -> bundle.equals(name) || bundle.endsWith(":" + name));
    }

    /** The member kinds an entry registers, whether all declared or all public ones. */
    private static Set<String> members(JsonNode entry) {
        Set<String> members = new HashSet<>();
        for (String kind : List.of("Constructors", "Methods", "Fields")) {
            if (entry.path("allDeclared" + kind).asBoolean() || entry.path("allPublic" + kind).asBoolean()) {
                members.add(kind.toLowerCase(Locale.ROOT));
            }
        }
        return members;
    }

    private static byte[] entry(ZipFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        if (entry == null) {
            throw new IllegalStateException(jar.getName() + " has no " + name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
